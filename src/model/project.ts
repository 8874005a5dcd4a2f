/**
 * The model rules read: every container launch (with devcontainers joined to the compose service and
 * Dockerfile they name), every Dockerfile, and the files that could not be parsed.
 */
import type { FileKind } from '../types.js';
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
  /** Options from the config that change what rules judge; absent means the defaults. */
  options?: ModelOptions;
}

export interface ModelOptions {
  /** Which containers the hardening-gap rules judge (config `hardening`). */
  hardening: HardeningScope;
}

/** `compose.yaml` → `compose.override.yaml`, `docker-compose.yml` → `docker-compose.override.yml`. */
function overridePath(abs: string): string {
  return abs.replace(/(\/(?:docker-)?compose)\.(ya?ml)$/, '$1.override.$2');
}

export function buildModel(files: SourceFile[], problems: ParseProblem[]): ProjectModel {
  const byAbs = new Map(files.map((f) => [f.abs, f]));
  const dockerfileAt = (abs: string) => byAbs.get(abs)?.dockerfile;

  const composeLaunches = new Map<string, Map<string, ContainerLaunch>>();
  for (const f of files) {
    if (f.kind === 'compose' && f.tree) composeLaunches.set(f.abs, buildComposeLaunches(f.tree, { abs: f.abs, dockerfileAt }));
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
  // Without -f, `docker compose` reads compose.yaml together with compose.override.yaml beside it.
  for (const [abs, services] of composeLaunches) {
    const overrideAbs = overridePath(abs);
    const override = overrideAbs === abs ? undefined : composeLaunches.get(overrideAbs);
    if (!override) continue;
    for (const [name, base] of services) {
      const over = override.get(name);
      if (!over || absorbed.has(base) || absorbed.has(over)) continue;
      absorbed.add(base).add(over);
      launches.push(joinLaunches([base, over], base.name));
    }
  }
  for (const services of composeLaunches.values()) for (const l of services.values()) if (!absorbed.has(l)) launches.push(l);
  const dockerfiles = files.flatMap((f) => (f.dockerfile ? [f.dockerfile] : []));
  return { files, launches, dockerfiles, commands: [], policies: buildAgentPolicies(files), problems, read: [] };
}
