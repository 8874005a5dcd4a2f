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
import { dockerRunLaunch } from './docker-run.js';
import type { ContainerLaunch } from './launch.js';

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
  launches: ContainerLaunch[];
  dockerfiles: DockerfileDoc[];
  problems: ParseProblem[];
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
    launches.push(joinLaunches([...parts, dc.launch], dc.launch.name));
  }
  for (const services of composeLaunches.values()) for (const l of services.values()) if (!absorbed.has(l)) launches.push(l);
  for (const f of files) {
    for (const cmd of f.shell?.commands ?? []) {
      const l = dockerRunLaunch(cmd);
      if (l) launches.push(l);
    }
  }
  const dockerfiles = files.flatMap((f) => (f.dockerfile ? [f.dockerfile] : []));
  return { files, launches, dockerfiles, problems };
}

/**
 * One environment from several descriptions (compose service files, then the devcontainer): lists add up,
 * single values take the last one given. The anchor stays with the first (the compose service), where
 * missing hardening is added.
 */
export function joinLaunches(parts: ContainerLaunch[], name: string): ContainerLaunch {
  const [first, ...rest] = parts;
  const out: ContainerLaunch = { ...first, name, namespaces: { ...first.namespaces } };
  const lists = ['privileged', 'capAdd', 'capDrop', 'securityOpt', 'networks', 'mounts', 'env', 'buildArgs', 'labels', 'envFiles', 'devices', 'tmpfs', 'commands', 'hostCommands', 'features'] as const;
  for (const key of lists) (out[key] as unknown[]) = [...first[key]];
  for (const p of rest) {
    for (const key of lists) (out[key] as unknown[]).push(...p[key]);
    Object.assign(out.namespaces, p.namespaces);
    out.image = p.image ?? out.image;
    out.dockerfile = p.dockerfile ?? out.dockerfile;
    out.build = p.build ?? out.build;
    out.user = p.user ?? out.user;
    out.readOnly = p.readOnly ?? out.readOnly;
    out.memoryLimit = p.memoryLimit ?? out.memoryLimit;
    out.pidsLimit = p.pidsLimit ?? out.pidsLimit;
  }
  return out;
}
