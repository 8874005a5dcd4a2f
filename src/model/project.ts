/**
 * The model rules read: every container launch (with devcontainers joined to the compose service and
 * Dockerfile they name), every Dockerfile, and the files that could not be parsed.
 */
import path from 'node:path';
import type { FileKind, Loc } from '../types.js';
import { isMap, str } from '../parse/tree.js';
import type { TextIndex } from '../parse/text-index.js';
import type { LNode } from '../parse/tree.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import type { ShellParse } from '../parse/shell.js';
import type { ParseProblem } from '../parse/result.js';
import { buildComposeLaunches } from './compose.js';
import { buildDevcontainer } from './devcontainer.js';
import type { Command } from './command.js';
import type { ContainerLaunch } from './launch.js';
import { joinLaunches } from './join.js';
import { buildAgentPolicies, type AgentPolicy } from './agent-policy.js';
import type { HardeningScope } from './agent-container.js';
import { readAgentFiles, type AgentFile } from './agents/index.js';
import { buildWorkflow, compositeSteps, type Workflow } from './workflow.js';

/** Workflows of the scan; a step `uses: ./.github/actions/x` is replaced by that composite action's steps. */
function buildWorkflows(files: SourceFile[]): Workflow[] {
  const actions = new Map<string, SourceFile>();
  for (const f of files) if (f.kind === 'workflow' && /(^|\/)action\.ya?ml$/.test(f.file)) actions.set(path.posix.dirname(f.file), f);
  const out: Workflow[] = [];
  for (const f of files) {
    if (f.kind !== 'workflow' || /(^|\/)action\.ya?ml$/.test(f.file)) continue;
    const w = buildWorkflow(f.tree, f.file);
    if (!w) continue;
    const root = f.file.replace(/(^|\/)\.github\/workflows\/[^/]+$/, '$1').replace(/\/$/, '');
    for (const job of w.jobs) {
      job.steps = job.steps.flatMap((s) => {
        const local = s.uses?.value.trim();
        if (!local?.startsWith('./')) return [s];
        const a = actions.get(path.posix.normalize(path.posix.join(root || '.', local)));
        const inner = a ? compositeSteps(a.tree) : [];
        return inner.length ? [s, ...inner] : [s];
      });
    }
    out.push(w);
  }
  // A reusable workflow runs on its callers' events, behind their jobs' gates.
  for (const w of out) {
    if (!w.triggers.some((t) => t.event === 'workflow_call')) continue;
    const callers = out.flatMap((c) => c.jobs.filter((j) => j.uses && path.posix.basename(j.uses.value.trim()) === path.posix.basename(w.file) && j.uses.value.trim().startsWith('./')).map((job) => ({ workflow: c, job })));
    if (callers.length) w.callers = callers;
  }
  return out;
}

export interface SourceFile {
  /** Display path: relative to the working directory, `/` separators. */
  file: string;
  abs: string;
  kind: FileKind;
  index: TextIndex;
  /** Read because another file points at it (a devcontainer's Dockerfile), not because it was named or found. */
  related: boolean;
  tree?: LNode;
  dockerfile?: DockerfileDoc;
  shell?: ShellParse;
  /** Markdown files (subagents, skills): where the body starts after the frontmatter (`tree`). */
  bodyStart?: number;
  /** A compose file's `.env` variables (read by the loader), for finding build contexts only. */
  composeVars?: ReadonlyMap<string, string>;
}

export interface ProjectModel {
  files: SourceFile[];
  /** Devcontainers, compose services, and every `docker|podman run` found in a command. */
  launches: ContainerLaunch[];
  dockerfiles: DockerfileDoc[];
  /** Every command the files will run (filled by buildCommands once the shell parser is loaded). */
  commands: Command[];
  /** Agent settings per project folder (Claude Code, MCP, Codex). */
  policies: AgentPolicy[];
  problems: ParseProblem[];
  /** Absolute path of every file read, also those not kept (unreadable, or named like a compose file but not one). */
  read: string[];
  /** GitHub Actions workflows, with local composite actions' steps spliced in where a step uses them. */
  workflows: Workflow[];
  /** What other agents' files (and Claude Code's subagents, skills, plugins) grant: approvals, allow patterns, commands. */
  agentFiles: AgentFile[];
  /** Claude Code extension keys (`claudeCode.*`) of workspace `.vscode/settings.json` files. */
  workspaceIdeSettings: { file: string; key: string; value: string; loc: Loc }[];
  /** Options from the config that change what rules judge; absent means the defaults. */
  options?: ModelOptions;
}

export interface ModelOptions {
  /** Which containers the hardening-gap rules judge (config `hardening`). */
  hardening: HardeningScope;
}

const BASE_COMPOSE = /^(?:docker-)?compose\.ya?ml$/i;
/** `docker-compose.prod.yml`, `compose.override.yaml`, `docker-compose.linux.yml`: a file that patches the base beside it. */
const OVERLAY_COMPOSE = /^((?:docker-)?compose)\.[^/]+\.ya?ml$/i;

/** The base compose file an overlay patches, when it sits beside it (`compose.prod.yaml` → `compose.yaml`). */
function overlayBase(abs: string, composeAbs: Set<string>): string | undefined {
  const name = path.basename(abs);
  const m = OVERLAY_COMPOSE.exec(name);
  if (!m || BASE_COMPOSE.test(name)) return undefined;
  const dir = path.dirname(abs);
  const stem = m[1].toLowerCase();
  return [...composeAbs].find((b) => path.dirname(b) === dir && BASE_COMPOSE.test(path.basename(b)) && path.basename(b).toLowerCase().startsWith(`${stem}.`));
}

export function buildModel(files: SourceFile[], problems: ParseProblem[]): ProjectModel {
  const byAbs = new Map(files.map((f) => [f.abs, f]));
  const dockerfileAt = (abs: string) => byAbs.get(abs)?.dockerfile;

  const composeLaunches = new Map<string, Map<string, ContainerLaunch>>();
  for (const f of files) {
    if (f.kind === 'compose' && f.tree) composeLaunches.set(f.abs, buildComposeLaunches(f.tree, { abs: f.abs, dockerfileAt, vars: f.composeVars }));
  }

  const launches: ContainerLaunch[] = [];
  const absorbed = new Set<ContainerLaunch>();
  for (const f of files) {
    if (f.kind !== 'devcontainer' || !f.tree) continue;
    const dc = buildDevcontainer(f.tree, f.file, { abs: f.abs, dockerfileAt });
    if (!dc.compose) {
      launches.push(dc.launch);
      continue;
    }
    // Later compose files override earlier ones; the service is the devcontainer's environment.
    const parts = dc.compose.files.flatMap((abs) => {
      const svc = composeLaunches.get(abs)?.get(dc.compose!.service);
      return svc ? [svc] : [];
    });
    if (parts.length === 0) {
      launches.push(dc.launch);
      continue;
    }
    parts.forEach((p) => absorbed.add(p));
    // Judged as the devcontainer (its initializeCommand, its features), anchored at the compose service.
    launches.push({ ...joinLaunches([...parts, dc.launch], dc.launch.name), source: 'devcontainer' });
  }
  // An overlay (`docker compose -f compose.yaml -f compose.prod.yaml`) patches the services of the base beside
  // it: each patched service is judged merged onto its base, never alone. compose.override.yaml is read by
  // default with its base, so that base service is not judged alone either; with another overlay it still can
  // be started alone, and is judged alone too (a finding both give is reported once, at the same place).
  const composeAbs = new Set(composeLaunches.keys());
  const patched = new Set<ContainerLaunch>();
  for (const [abs, overlay] of composeLaunches) {
    const baseAbs = overlayBase(abs, composeAbs);
    const services = baseAbs ? composeLaunches.get(baseAbs) : undefined;
    if (!services) continue;
    const byDefault = /\.override\.ya?ml$/i.test(abs);
    for (const [name, over] of overlay) {
      const base = services.get(name);
      if (!base || absorbed.has(base) || absorbed.has(over)) continue;
      patched.add(over);
      if (byDefault) patched.add(base);
      launches.push(joinLaunches([base, over], base.name));
    }
  }
  for (const l of patched) absorbed.add(l);
  for (const services of composeLaunches.values()) for (const l of services.values()) if (!absorbed.has(l)) launches.push(l);
  const dockerfiles = files.flatMap((f) => (f.dockerfile ? [f.dockerfile] : []));
  const workspaceIdeSettings = files.flatMap((f) =>
    f.kind === 'vscode-settings' && isMap(f.tree)
      ? f.tree.entries.filter((e) => e.key.startsWith('claudeCode.') && str(e.value) !== undefined).map((e) => ({ file: f.file, key: e.key, value: str(e.value)!, loc: e.value.loc }))
      : [],
  );
  const agents = readAgentFiles(files);
  const workflows = buildWorkflows(files);
  return { files, launches, dockerfiles, commands: [], policies: buildAgentPolicies(files, agents.servers), agentFiles: agents.files, workflows, problems, read: [], workspaceIdeSettings };
}
