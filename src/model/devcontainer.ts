/** devcontainer.json → ContainerLaunch, per the Dev Container spec (image, Dockerfile and compose forms). */
import path from 'node:path';
import type { Loc } from '../types.js';
import { entry, get, isMap, isSeq, items, str, truthy, type LNode } from '../parse/tree.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import { parseRunFlags, applyRunFlags } from './docker-flags.js';
import { emptyLaunch, parseMountSpec, type CommandSpec, type ContainerLaunch } from './launch.js';
import { commandSpec, readEnvBlock } from './compose.js';

export interface DevcontainerContext {
  abs: string;
  dockerfileAt(abs: string): DockerfileDoc | undefined;
}

export interface DevcontainerModel {
  /** Everything the devcontainer itself says; merged onto the compose service when it names one. */
  launch: ContainerLaunch;
  compose?: { files: string[]; service: string; loc: Loc };
}

/** Commands that run inside the container once it exists. `initializeCommand` runs on the host. */
export const CONTAINER_LIFECYCLE = ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'];

/** The Dockerfile (with its build context) and the compose files a devcontainer.json names, as absolute paths. */
export function devcontainerReferences(root: LNode, abs: string): { dockerfiles: { abs: string; context: string }[]; composeFiles: string[] } {
  const dir = path.dirname(abs);
  const build = get(root, 'build');
  const dockerfile = str(get(build, 'dockerfile')) ?? str(get(root, 'dockerFile'));
  const context = path.resolve(dir, str(get(build, 'context')) ?? str(get(root, 'context')) ?? '.');
  const composeNode = get(root, 'dockerComposeFile');
  const composeFiles = (isSeq(composeNode) ? composeNode.items : composeNode ? [composeNode] : [])
    .flatMap((n) => (str(n) ? [path.resolve(dir, str(n)!)] : []));
  return { dockerfiles: dockerfile ? [{ abs: path.resolve(dir, dockerfile), context }] : [], composeFiles };
}

export function buildDevcontainer(root: LNode, file: string, ctx: DevcontainerContext): DevcontainerModel {
  const name = str(get(root, 'name'));
  const anchorNode = entry(root, 'image') ?? entry(root, 'build') ?? entry(root, 'dockerFile') ?? entry(root, 'dockerComposeFile');
  const anchor = anchorNode?.keyLoc ?? root.loc;
  const launch = emptyLaunch('devcontainer', name ? `devcontainer "${name}"` : 'devcontainer', { file, start: anchor.start, end: anchor.end }, root.loc);
  const refs = devcontainerReferences(root, ctx.abs);
  // runArgs apply only to image and Dockerfile containers; a compose one is hardened in its service.
  if (refs.composeFiles.length === 0 && isMap(root)) launch.edit = { format: 'json', file, root };

  const image = get(root, 'image');
  if (str(image)) launch.image = { value: str(image)!, loc: image!.loc };
  const build = entry(root, 'build') ?? entry(root, 'dockerFile');
  if (build) launch.build = build.keyLoc;
  if (refs.dockerfiles[0]) launch.dockerfile = ctx.dockerfileAt(refs.dockerfiles[0].abs);
  launch.buildArgs.push(...readEnvBlock(get(get(root, 'build'), 'args')));

  const runArgs = get(root, 'runArgs');
  // The Dev Container spec applies runArgs (and workspaceMount) only to image and Dockerfile containers;
  // with dockerComposeFile the compose service decides.
  if (isSeq(runArgs) && refs.composeFiles.length === 0) {
    const tokens = runArgs.items.flatMap((n) => (str(n) !== undefined ? [{ text: str(n)!, loc: n.loc, dynamic: str(n)!.includes('${') }] : []));
    applyRunFlags(launch, parseRunFlags(tokens, false).flags);
  }
  const priv = get(root, 'privileged');
  if (priv && truthy(priv)) launch.privileged.push({ value: '"privileged": true', loc: priv.loc });
  for (const n of items(get(root, 'capAdd'))) if (str(n)) launch.capAdd.push({ value: str(n)!, loc: n.loc });
  for (const n of items(get(root, 'securityOpt'))) if (str(n)) launch.securityOpt.push({ value: str(n)!, loc: n.loc });

  for (const n of items(get(root, 'mounts'))) {
    const spec = str(n);
    if (spec !== undefined) launch.mounts.push(parseMountSpec(spec, n.loc));
    else if (isMap(n)) {
      const t = str(get(n, 'type')) ?? 'bind';
      launch.mounts.push({
        source: str(get(n, 'source')),
        target: str(get(n, 'target')),
        type: t === 'bind' || t === 'volume' || t === 'tmpfs' ? t : 'other',
        readOnly: false,
        loc: n.loc,
      });
    }
  }
  const workspaceMount = refs.composeFiles.length === 0 ? get(root, 'workspaceMount') : undefined;
  if (str(workspaceMount)) launch.mounts.push(parseMountSpec(str(workspaceMount)!, workspaceMount!.loc));

  launch.env.push(...readEnvBlock(get(root, 'containerEnv')), ...readEnvBlock(get(root, 'remoteEnv')));
  // The agent runs as remoteUser (the user tools and terminals run as); containerUser is the fallback.
  const user = get(root, 'remoteUser') ?? get(root, 'containerUser');
  if (str(user)) launch.user = { value: str(user)!, loc: user!.loc };

  const features = get(root, 'features');
  if (isMap(features)) {
    for (const f of features.entries) {
      launch.features.push({ value: f.key, loc: f.keyLoc });
      applyFeature(launch, f.key, f.keyLoc);
    }
  }
  const vscode = get(get(root, 'customizations'), 'vscode');
  for (const n of items(get(vscode, 'extensions'))) if (str(n)) launch.extensions.push({ value: str(n)!, loc: n.loc });
  const settings = get(vscode, 'settings');
  if (isMap(settings)) for (const e of settings.entries) if (str(e.value) !== undefined) launch.ideSettings.push({ key: e.key, value: str(e.value)!, loc: e.value.loc });
  for (const key of CONTAINER_LIFECYCLE) launch.commands.push(...lifecycle(get(root, key), key));
  launch.hostCommands.push(...lifecycle(get(root, 'initializeCommand'), 'initializeCommand'));

  const service = get(root, 'service');
  if (refs.composeFiles.length > 0) {
    return { launch, compose: { files: refs.composeFiles, service: str(service) ?? '', loc: (service ?? root).loc } };
  }
  if (!workspaceMount) {
    // Without `workspaceMount` the dev container CLI bind-mounts the whole workspace folder read-write.
    launch.mounts.push({ source: '${localWorkspaceFolder}', target: '/workspaces', type: 'bind', readOnly: false, loc: launch.anchor, implied: 'the default workspace mount' });
  }
  return { launch };
}

/** Features that change isolation: a feature id is `ghcr.io/devcontainers/features/docker-in-docker:2` or similar. */
function applyFeature(launch: ContainerLaunch, id: string, loc: Loc): void {
  const base = id.split('/').pop()!.replace(/[:@].*$/, '');
  if (base === 'docker-in-docker') launch.privileged.push({ value: `feature ${id} (runs the container privileged)`, loc });
  if (base === 'docker-outside-of-docker' || base === 'docker-from-docker') {
    launch.mounts.push({ source: '/var/run/docker.sock', target: '/var/run/docker-host.sock', type: 'bind', readOnly: false, loc, implied: `feature ${id}` });
  }
}

/** Lifecycle commands: a string, an argv array, or an object of named commands run in parallel. */
function lifecycle(n: LNode | undefined, key: string): CommandSpec[] {
  if (!n) return [];
  if (isMap(n)) return n.entries.flatMap((e) => lifecycle(e.value, key));
  const spec = commandSpec(n, key);
  return spec ? [spec] : [];
}
