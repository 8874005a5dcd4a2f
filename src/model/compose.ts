/** Compose services → ContainerLaunch. Follows the compose spec's short and long forms of each key. */
import path from 'node:path';
import type { Loc } from '../types.js';
import { entry, get, getPath, isMap, isSeq, items, str, truthy, type LMap, type LNode } from '../parse/tree.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import { isLimit } from './docker-flags.js';
import { joinLaunches } from './join.js';
import { emptyLaunch, hostVariable, joinSpecs, parseVolumeSpec, type CommandSpec, type ContainerLaunch, type EnvEntry, type Mount, type Namespace } from './launch.js';

export interface ComposeContext {
  /** Absolute path of the compose file. */
  abs: string;
  /** Variables of the `.env` beside it, used only to find the build context and Dockerfile (never printed). */
  vars?: ReadonlyMap<string, string>;
  /** The Dockerfile a build section points at, if it was read. */
  dockerfileAt(abs: string): DockerfileDoc | undefined;
}

export function composeServices(root: LNode): { name: string; keyLoc: Loc; node: LNode }[] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return services.entries.map((e) => ({ name: e.key, keyLoc: e.keyLoc, node: e.value }));
}

export function buildComposeLaunches(root: LNode, ctx: ComposeContext): Map<string, ContainerLaunch> {
  const out = new Map<string, ContainerLaunch>();
  const internalNets = new Set<string>();
  const networks = get(root, 'networks');
  if (isMap(networks)) for (const n of networks.entries) if (truthy(get(n.value, 'internal'))) internalNets.add(n.key);
  const services = new Map(composeServices(root).map((s) => [s.name, s]));
  const building = new Set<string>();
  const build = (name: string): ContainerLaunch | undefined => {
    const svc = services.get(name);
    if (!svc || building.has(name)) return undefined;
    const done = out.get(name);
    if (done) return done;
    building.add(name);
    let launch = buildService(name, svc.keyLoc, svc.node, internalNets, ctx);
    // `extends: {service: base}` in the same file: the service starts from its base and overrides it.
    // (An `extends.file` in another file is not followed.)
    const ext = get(svc.node, 'extends');
    const baseName = str(ext) ?? (str(get(ext, 'file')) === undefined ? str(get(ext, 'service')) : undefined);
    const base = baseName ? build(baseName) : undefined;
    if (base) launch = { ...joinLaunches([base, launch], launch.name), anchor: launch.anchor, commands: launch.commands.length ? launch.commands : base.commands };
    building.delete(name);
    out.set(name, launch);
    return launch;
  };
  for (const name of services.keys()) build(name);
  return out;
}

const NAMESPACE_KEYS: Record<string, Namespace> = {
  network_mode: 'network', pid: 'pid', ipc: 'ipc', uts: 'uts', userns_mode: 'userns', cgroup: 'cgroupns',
};

function buildService(name: string, keyLoc: Loc, svc: LNode, internalNets: Set<string>, ctx: ComposeContext): ContainerLaunch {
  const launch = emptyLaunch('compose', `compose service "${name}"`, keyLoc, { file: keyLoc.file, start: keyLoc.start, end: svc.loc.end });
  if (!isMap(svc)) return launch;
  launch.edit = { format: 'yaml-map', file: keyLoc.file, map: svc };

  const image = get(svc, 'image');
  // `${IMAGE:-claude-box:latest}` is judged by its default; a value from .env is never used here, so never printed.
  if (str(image)) launch.image = { value: interpolate(str(image)!) ?? str(image)!, loc: image!.loc };
  launch.containerName = str(get(svc, 'container_name')) ?? name;
  readBuild(launch, get(svc, 'build'), ctx);

  const priv = entry(svc, 'privileged');
  if (priv && truthy(priv.value)) launch.privileged.push({ value: 'privileged: true', loc: priv.value.loc });
  for (const n of items(get(svc, 'cap_add'))) if (str(n)) launch.capAdd.push({ value: str(n)!, loc: n.loc });
  for (const n of items(get(svc, 'cap_drop'))) if (str(n)) launch.capDrop.push({ value: str(n)!, loc: n.loc });
  for (const n of items(get(svc, 'security_opt'))) if (str(n)) launch.securityOpt.push({ value: str(n)!, loc: n.loc });
  const user = get(svc, 'user');
  if (str(user) !== undefined) launch.user = { value: str(user)!, loc: user!.loc };
  const ro = get(svc, 'read_only');
  if (ro && truthy(ro)) launch.readOnly = { value: true, loc: ro.loc };

  for (const [key, ns] of Object.entries(NAMESPACE_KEYS)) {
    const n = get(svc, key);
    if (str(n)) launch.namespaces[ns] = { value: str(n)!, loc: n!.loc };
  }
  readNetworks(launch, get(svc, 'networks'), internalNets);

  for (const v of items(get(svc, 'volumes'))) {
    const m = readVolume(v);
    if (m) launch.mounts.push(m);
  }
  launch.env.push(...readEnvBlock(get(svc, 'environment')));
  launch.labels.push(...readEnvBlock(get(svc, 'labels')));
  const envFile = get(svc, 'env_file');
  for (const n of isSeq(envFile) ? envFile.items : envFile ? [envFile] : []) {
    const p = str(n) ?? str(get(n, 'path'));
    if (p) launch.envFiles.push({ value: p, loc: n.loc });
  }
  for (const n of items(get(svc, 'devices'))) {
    const d = str(n) ?? str(get(n, 'source'));
    if (d) launch.devices.push({ value: d, loc: n.loc });
  }
  const tmpfs = get(svc, 'tmpfs');
  for (const n of isSeq(tmpfs) ? tmpfs.items : tmpfs ? [tmpfs] : []) if (str(n)) launch.tmpfs.push({ value: str(n)!, loc: n.loc });

  const limits = getPath(svc, 'deploy', 'resources', 'limits');
  const mem = get(svc, 'mem_limit') ?? get(limits, 'memory');
  if (mem && isLimit(str(mem) ?? '')) launch.memoryLimit = mem.loc;
  const pids = get(svc, 'pids_limit') ?? get(limits, 'pids');
  if (pids && isLimit(str(pids) ?? '')) launch.pidsLimit = pids.loc;
  const apiSocket = get(svc, 'use_api_socket');
  if (apiSocket && truthy(apiSocket)) {
    launch.mounts.push({ source: '/var/run/docker.sock', target: '/var/run/docker.sock', type: 'bind', readOnly: false, loc: apiSocket.loc, implied: 'use_api_socket: true' });
  }

  const entrypoint = commandSpec(get(svc, 'entrypoint'), 'compose entrypoint');
  const command = commandSpec(get(svc, 'command'), 'compose command');
  const joined = entrypoint?.argv && command?.argv ? joinSpecs(entrypoint, command, 'compose entrypoint + command') : undefined;
  launch.commands.push(...(joined ? [joined] : [entrypoint, command].filter((c): c is CommandSpec => !!c)));
  return launch;
}

function readBuild(launch: ContainerLaunch, build: LNode | undefined, ctx: ComposeContext): void {
  if (!build) return;
  launch.build = build.loc;
  const dockerfile = buildDockerfilePath(build, ctx.abs, ctx.vars);
  if (dockerfile) launch.dockerfile = ctx.dockerfileAt(dockerfile.abs);
  launch.buildArgs.push(...readEnvBlock(get(build, 'args')));
}

/**
 * Compose's interpolation: `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, from `vars`
 * (the `.env` beside the file) and else the default written in the file; undefined when a variable stays unknown.
 */
export function interpolate(value: string, vars: ReadonlyMap<string, string> = new Map()): string | undefined {
  let unknown = false;
  const out = value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, braced?: string, op?: string, word?: string, bare?: string) => {
    if (m === '$$') return '$';
    const name = (braced ?? bare)!;
    const v = vars.get(name);
    const set = v !== undefined && (v !== '' || !op?.startsWith(':'));
    if (op === '-' || op === ':-') return set ? v! : (word ?? '');
    if (op === '+' || op === ':+') return set ? (word ?? '') : '';
    if (set) return v!;
    unknown = true;
    return m;
  });
  return unknown ? undefined : out;
}

/** The Dockerfile a service's `build` (string or map) points at; none for a remote (git URL) context, which is never fetched. */
export function buildDockerfilePath(build: LNode, composeAbs: string, vars?: ReadonlyMap<string, string>): { abs: string; context: string } | undefined {
  const written = str(build) ?? str(get(build, 'context')) ?? '.';
  const context = interpolate(written, vars) ?? written;
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) return undefined;
  const dockerfileWritten = str(get(build, 'dockerfile')) ?? 'Dockerfile';
  const dockerfile = interpolate(dockerfileWritten, vars) ?? dockerfileWritten;
  const contextAbs = path.resolve(path.dirname(composeAbs), context);
  return { abs: path.resolve(contextAbs, dockerfile), context: contextAbs };
}

function readNetworks(launch: ContainerLaunch, nets: LNode | undefined, internalNets: Set<string>): void {
  const names: { name: string; loc: Loc }[] = isMap(nets)
    ? nets.entries.map((e) => ({ name: e.key, loc: e.keyLoc }))
    : items(nets).flatMap((n) => (str(n) ? [{ name: str(n)!, loc: n.loc }] : []));
  for (const n of names) launch.networks.push({ ...n, internal: internalNets.has(n.name) });
}

function readVolume(v: LNode): Mount | undefined {
  const short = str(v);
  if (short !== undefined) return parseVolumeSpec(short, v.loc);
  if (!isMap(v)) return undefined;
  const type = str(get(v, 'type')) ?? 'volume';
  const source = str(get(v, 'source'));
  return {
    source,
    target: str(get(v, 'target')),
    type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
    readOnly: truthy(get(v, 'read_only')),
    loc: (get(v, 'source') ?? v).loc,
  };
}

/** `environment`, `labels` and `build.args`, as a list (`- NAME=value`, `- NAME`) or a map (`NAME: value`, `NAME:`). */
export function readEnvBlock(block: LNode | undefined): EnvEntry[] {
  if (isMap(block)) {
    return (block as LMap).entries.map((e) => {
      const value = str(e.value);
      const hostVar = value === undefined ? e.key : hostVariable(value);
      return hostVar !== undefined
        ? { name: e.key, hostVar, loc: e.keyLoc, valueLoc: e.value.loc }
        : { name: e.key, value, loc: e.keyLoc, valueLoc: e.value.loc };
    });
  }
  return items(block).flatMap((n) => {
    const text = str(n);
    if (text === undefined) return [];
    const eq = text.indexOf('=');
    if (eq < 0) return [{ name: text, hostVar: text, loc: n.loc, valueLoc: n.loc }];
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1);
    const hostVar = hostVariable(value);
    return [hostVar ? { name, hostVar, loc: n.loc, valueLoc: n.loc } : { name, value, loc: n.loc, valueLoc: n.loc }];
  });
}

/** A command given as a string (shell form) or an argv list (exec form), as compose and devcontainer.json allow. */
export function commandSpec(n: LNode | undefined, source: string): CommandSpec | undefined {
  const text = str(n);
  if (n && text !== undefined) return text.trim() ? { value: text, loc: n.loc, source } : undefined;
  if (!isSeq(n) || n.items.length === 0) return undefined;
  const argv = n.items.map((i) => ({ text: str(i) ?? '', loc: i.loc, dynamic: (str(i) ?? '').includes('$') }));
  return { value: argv.map((t) => t.text).join(' '), loc: n.loc, argv, source };
}
