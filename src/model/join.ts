/** Joining descriptions of one container: a devcontainer with its compose service, a service with its override or base. */
import type { ContainerLaunch } from './launch.js';

/**
 * One environment from several descriptions (compose service files, then the devcontainer): lists add up,
 * single values take the last one given. The anchor stays with the first (the compose service), where
 * missing hardening is added.
 */
export function joinLaunches(parts: ContainerLaunch[], name: string): ContainerLaunch {
  const [first, ...rest] = parts;
  const out: ContainerLaunch = { ...first, name, namespaces: { ...first.namespaces } };
  const lists = ['parts', 'privileged', 'capAdd', 'capDrop', 'securityOpt', 'networks', 'mounts', 'env', 'buildArgs', 'labels', 'envFiles', 'devices', 'tmpfs', 'commands', 'hostCommands', 'features', 'extensions', 'ideSettings'] as const;
  for (const key of lists) (out[key] as unknown[]) = [...first[key]];
  for (const p of rest) {
    for (const key of lists) (out[key] as unknown[]).push(...p[key]);
    Object.assign(out.namespaces, p.namespaces);
    out.image = p.image ?? out.image;
    out.dockerfile = p.dockerfile ?? out.dockerfile;
    out.build = p.build ?? out.build;
    out.user = p.user ?? out.user;
    out.containerName = p.containerName ?? out.containerName;
    out.readOnly = p.readOnly ?? out.readOnly;
    out.memoryLimit = p.memoryLimit ?? out.memoryLimit;
    out.pidsLimit = p.pidsLimit ?? out.pidsLimit;
  }
  return out;
}
