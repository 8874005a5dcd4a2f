/**
 * Agent environments: where an agent runs, with the policy that governs it. A container environment is one
 * agent launch (a dev container joined to its compose service, a compose service, a `docker run` line) with the
 * Dockerfile it builds, the scripts beside a dev container and the agent policy files of its project. A host
 * environment is a project's agent policy with no container of its own: the agent runs on the host. A CI
 * environment is a workflow that runs an agent on the runner.
 *
 * Environments are plain data (files and line ranges), made per shard and sent across threads; findings are
 * matched to them after the run (posture.ts), so suppressions and baselines count as they do in the report.
 */
import path from 'node:path';
import type { FileKind, Loc } from '../types.js';
import type { ProjectModel } from '../model/project.js';
import type { ContainerLaunch } from '../model/launch.js';
import { agentContainer, hardeningApplies } from '../model/agent-container.js';
import { projectDir } from '../model/agent-policy.js';
import { ciAgents } from '../model/ci-agents.js';

export type PartRole = 'devcontainer' | 'compose' | 'docker-run' | 'dockerfile' | 'script' | 'policy' | 'workflow';

export interface EnvironmentPart {
  role: PartRole;
  file: string;
  /** The lines of the file that belong to the environment (a compose service, a `docker run` command); absent: the whole file. */
  lines?: { from: number; to: number };
  /** How reports name it: `compose service "agent"`, `Dockerfile`, `.claude/settings.json`. */
  label: string;
}

export type EnvironmentKind = 'container' | 'host' | 'ci';

export interface Environment {
  /** Stable within a scan: kind, first file and line. */
  id: string;
  kind: EnvironmentKind;
  name: string;
  /** Why an agent is taken to run here: `its command runs claude`, `a dev container`, `.claude/settings.json`. */
  why: string;
  parts: EnvironmentPart[];
}

/** The file kinds that are an agent's policy: its permissions, MCP servers, hooks, sandbox and approvals. */
const POLICY_KINDS = new Set<FileKind>([
  'claude-settings', 'mcp', 'codex-config', 'vscode-settings', 'claude-agent', 'claude-skill', 'claude-plugin', 'gemini-settings',
  'gemini-env', 'cursor-cli', 'cursor-environment', 'opencode', 'amp-settings', 'zed-settings', 'aider-config',
]);

export function buildEnvironments(model: ProjectModel): Environment[] {
  const policyByDir = new Map<string, EnvironmentPart[]>();
  for (const f of model.files) {
    if (!POLICY_KINDS.has(f.kind)) continue;
    const dir = projectDir(f.file, f.kind);
    const list = policyByDir.get(dir) ?? [];
    list.push({ role: 'policy', file: f.file, label: f.file });
    policyByDir.set(dir, list);
  }
  const scripts = new Map<string, string[]>();
  for (const f of model.files) {
    if (f.kind !== 'shell') continue;
    const dir = path.posix.dirname(f.file);
    scripts.set(dir, [...(scripts.get(dir) ?? []), f.file]);
  }
  const governed = new Set<string>();
  const out: Environment[] = [];
  for (const l of model.launches) {
    if (!hardeningApplies(model, l)) continue;
    const parts = launchParts(l, scripts);
    const dir = policyDirFor(launchProjectDir(l), policyByDir);
    if (dir !== undefined) {
      governed.add(dir);
      parts.push(...policyByDir.get(dir)!);
    }
    // A dev container joined to its compose service is named by its devcontainer.json, where people look for it.
    const first = l.parts.find((p) => p.source === 'devcontainer') ?? l.parts[0];
    out.push({ id: `container:${first.file}:${first.span.start.line}`, kind: 'container', name: `${l.name} (${first.file})`, why: agentContainer(model, l).why, parts });
  }
  for (const [dir, parts] of policyByDir) {
    if (governed.has(dir)) continue;
    out.push({ id: `host:${dir}`, kind: 'host', name: `agent on the host (${dir === '.' ? 'this folder' : dir})`, why: `its policy files (${parts.map((p) => p.file).join(', ')}) and no container for them`, parts });
  }
  const ciFiles = new Map<string, Set<string>>();
  for (const s of ciAgents(model)) {
    const files = ciFiles.get(s.workflow.file) ?? new Set<string>();
    files.add(s.step.loc.file);
    ciFiles.set(s.workflow.file, files);
  }
  for (const [file, files] of ciFiles) {
    const parts: EnvironmentPart[] = [...files].sort((a, b) => (a === file ? -1 : b === file ? 1 : a < b ? -1 : 1)).map((f) => ({ role: 'workflow', file: f, label: f }));
    out.push({ id: `ci:${file}`, kind: 'ci', name: `CI runner (${file})`, why: 'a workflow step runs a coding agent', parts });
  }
  return out;
}

/** The launch's own files (with the lines that are its), its Dockerfile and, for a dev container, the scripts beside it. */
function launchParts(l: ContainerLaunch, scriptsByDir: Map<string, string[]>): EnvironmentPart[] {
  const parts: EnvironmentPart[] = l.parts.map((p) => ({
    role: p.source,
    file: p.file,
    ...(p.source === 'devcontainer' ? {} : { lines: lineRange(p.span) }),
    label: p.source === 'devcontainer' ? p.file : `${p.name} (${p.file}:${p.span.start.line})`,
  }));
  if (l.dockerfile) parts.push({ role: 'dockerfile', file: l.dockerfile.file, label: l.dockerfile.file });
  const folders = new Set(l.parts.filter((p) => p.source === 'devcontainer').map((p) => path.posix.dirname(p.file)));
  for (const dir of folders) for (const file of scriptsByDir.get(dir) ?? []) parts.push({ role: 'script', file, label: file });
  return parts;
}

/** A span's lines; a YAML block's span ends at the start of the line after it, which is not its own. */
function lineRange(span: Loc): { from: number; to: number } {
  const { start, end } = span;
  return { from: start.line, to: end.column === 1 && end.line > start.line ? end.line - 1 : end.line };
}

/** The project folder a launch works on: the parent of `.devcontainer/`, else the folder of the file that starts it. */
function launchProjectDir(l: ContainerLaunch): string {
  const file = l.parts[l.parts.length - 1].file;
  const m = /(?:^|\/)\.devcontainer\//.exec(file);
  if (m) return m.index === 0 ? '.' : file.slice(0, m.index);
  return path.posix.dirname(file);
}

/** The policy folder that governs a project folder: itself, else the nearest folder above it that has one. */
function policyDirFor(dir: string, policyByDir: Map<string, unknown>): string | undefined {
  for (let d = dir; ; d = path.posix.dirname(d)) {
    if (policyByDir.has(d)) return d;
    if (d === '.' || d === '/' || d === '') return undefined;
  }
}
