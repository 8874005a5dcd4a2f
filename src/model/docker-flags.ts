/**
 * The one parser for `docker|podman run|create` flags. Shell scripts and devcontainer `runArgs` both go
 * through it, so `--cap-add=SYS_ADMIN`, `--cap-add SYS_ADMIN` and `"--cap-add", "SYS_ADMIN"` mean the same.
 */
import type { Loc } from '../types.js';
import {
  parseMountSpec,
  parseVolumeSpec,
  hostVariable,
  type ContainerLaunch,
  type Namespace,
  type Token,
} from './launch.js';

export type { Token };

/** Long flags that take a value (docker 28 and podman 5). Anything else starting with `--` is a switch. */
const VALUE_FLAGS = new Set([
  'add-host', 'annotation', 'arch', 'attach', 'blkio-weight', 'blkio-weight-device', 'cap-add', 'cap-drop',
  'cgroup-parent', 'cgroupns', 'cgroups', 'chrootdirs', 'cidfile', 'conmon-pidfile', 'cpu-count', 'cpu-percent',
  'cpu-period', 'cpu-quota', 'cpu-rt-period', 'cpu-rt-runtime', 'cpu-shares', 'cpus', 'cpuset-cpus', 'cpuset-mems',
  'detach-keys', 'device', 'device-cgroup-rule', 'device-read-bps', 'device-read-iops', 'device-write-bps',
  'device-write-iops', 'dns', 'dns-opt', 'dns-option', 'dns-search', 'domainname', 'entrypoint', 'env', 'env-file',
  'env-merge', 'expose', 'gidmap', 'gpus', 'group-add', 'group-entry', 'health-cmd', 'health-interval',
  'health-retries', 'health-start-interval', 'health-start-period', 'health-timeout', 'hostname', 'hostuser', 'init-path',
  'ip', 'ip6', 'ipc', 'isolation', 'kernel-memory', 'label', 'label-file', 'link', 'link-local-ip', 'log-driver',
  'log-opt', 'mac-address', 'memory', 'memory-reservation', 'memory-swap', 'memory-swappiness', 'mount', 'name',
  'net', 'net-alias', 'network', 'network-alias', 'oom-score-adj', 'os', 'passwd-entry', 'personality', 'pid',
  'pidfile', 'pids-limit', 'platform', 'pod', 'pod-id-file', 'preserve-fd', 'publish', 'pull', 'rdt-class',
  'requires', 'restart', 'retry', 'retry-delay', 'runtime', 'sdnotify', 'seccomp-policy', 'secret', 'security-opt',
  'shm-size', 'shm-size-systemd', 'stop-signal', 'stop-timeout', 'storage-opt', 'subgidname', 'subuidname', 'sysctl',
  'systemd', 'timeout', 'timezone', 'tmpfs', 'uidmap', 'ulimit', 'umask', 'unsetenv', 'user', 'userns', 'uts',
  'variant', 'volume', 'volume-driver', 'volumes-from', 'workdir',
]);

/** Short flags and their long names; those in SHORT_SWITCHES take no value. */
const SHORT: Record<string, string> = {
  a: 'attach', c: 'cpu-shares', d: 'detach', e: 'env', h: 'hostname', i: 'interactive', l: 'label', m: 'memory',
  p: 'publish', P: 'publish-all', q: 'quiet', t: 'tty', u: 'user', v: 'volume', w: 'workdir',
};
const SHORT_SWITCHES = new Set(['d', 'i', 'P', 'q', 't']);

export interface Flag {
  name: string;
  /** The value, when the flag takes one (`--user 1000`, `--user=1000`, `-u1000`). */
  value?: Token;
  /** The flag itself (for switches) or the value (for flags with one): where a finding points. */
  loc: Loc;
}

export interface ParsedRun {
  flags: Flag[];
  image?: Token;
  /** Words of unknown number stood before the image: flags may be missing from `flags`. */
  unknownFlags?: boolean;
  /** The container's command and its arguments, after the image. */
  command: Token[];
}

/** Parses the words after `run`/`create`. With `expectImage: false` (devcontainer `runArgs`) every word is a flag. */
export function parseRunFlags(tokens: Token[], expectImage = true): ParsedRun {
  const flags: Flag[] = [];
  let unknownFlags = false;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    const t = tok.text;
    // Unknown words of unknown number: flags we cannot see, never the image.
    if (tok.spread) {
      unknownFlags = true;
      i++;
      continue;
    }
    if (t === '--') {
      i++;
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = (eq < 0 ? t.slice(2) : t.slice(2, eq)).toLowerCase();
      if (eq >= 0) {
        flags.push({ name, value: { ...tok, text: t.slice(eq + 1) }, loc: tok.loc });
      } else if (VALUE_FLAGS.has(name) && i + 1 < tokens.length) {
        flags.push({ name, value: tokens[i + 1], loc: tokens[i + 1].loc });
        i++;
      } else {
        flags.push({ name, loc: tok.loc });
      }
      i++;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      // Bundled short switches (`-it`, `-dit`); the first value-taking letter takes the rest or the next word.
      for (let j = 1; j < t.length; j++) {
        const letter = t[j];
        const name = SHORT[letter] ?? letter;
        if (SHORT_SWITCHES.has(letter) || !SHORT[letter]) {
          flags.push({ name, loc: tok.loc });
          continue;
        }
        const rest = t.slice(j + 1).replace(/^=/, '');
        if (rest) flags.push({ name, value: { ...tok, text: rest }, loc: tok.loc });
        else if (i + 1 < tokens.length) {
          flags.push({ name, value: tokens[i + 1], loc: tokens[i + 1].loc });
          i++;
        }
        break;
      }
      i++;
      continue;
    }
    if (!expectImage) {
      i++;
      continue;
    }
    return { flags, image: tok, command: tokens.slice(i + 1), unknownFlags };
  }
  if (expectImage && i < tokens.length) return { flags, image: tokens[i], command: tokens.slice(i + 1), unknownFlags };
  return { flags, command: [], unknownFlags };
}

const NAMESPACE_FLAGS: Record<string, Namespace> = {
  net: 'network', network: 'network', pid: 'pid', ipc: 'ipc', uts: 'uts', userns: 'userns', cgroupns: 'cgroupns',
};

/** Applies parsed flags to a launch: the same for scripts and devcontainer `runArgs`. */
export function applyRunFlags(launch: ContainerLaunch, flags: Flag[]): void {
  for (const f of flags) {
    const v = f.value?.text;
    const loc = f.loc;
    // Switches accept `=false` (`--privileged=false`), which turns them off.
    if (v !== undefined && /^(false|0)$/i.test(v) && !VALUE_FLAGS.has(f.name)) continue;
    switch (f.name) {
      case 'privileged':
        launch.privileged.push({ value: '--privileged', loc });
        break;
      case 'cap-add':
        if (v) launch.capAdd.push(...splitList(v).map((value) => ({ value, loc })));
        break;
      case 'cap-drop':
        if (v) launch.capDrop.push(...splitList(v).map((value) => ({ value, loc })));
        break;
      case 'security-opt':
        if (v) launch.securityOpt.push({ value: v, loc });
        break;
      case 'user':
        if (v) launch.user = { value: v, loc };
        break;
      case 'name':
        if (v) launch.containerName = v;
        break;
      case 'read-only':
        launch.readOnly = { value: true, loc };
        break;
      case 'volume':
        if (v) launch.mounts.push(parseVolumeSpec(v, loc));
        break;
      case 'mount':
        if (v) launch.mounts.push(parseMountSpec(v, loc));
        break;
      case 'tmpfs':
        if (v) launch.tmpfs.push({ value: v, loc });
        break;
      case 'env':
        if (v) launch.env.push(envFromAssignment(v, f.value!, loc));
        break;
      case 'env-file':
        if (v) launch.envFiles.push({ value: v, loc });
        break;
      case 'label':
        if (v) launch.labels.push(envFromAssignment(v, f.value!, loc));
        break;
      case 'device':
        if (v) launch.devices.push({ value: v, loc });
        break;
      case 'memory':
        if (v && isLimit(v)) launch.memoryLimit = loc;
        break;
      case 'pids-limit':
        if (v && isLimit(v)) launch.pidsLimit = loc;
        break;
      case 'use-api-socket':
        // Docker 28.1+: bind-mounts the engine's API socket (and registry auth) into the container.
        launch.mounts.push({ source: '/var/run/docker.sock', target: '/var/run/docker.sock', type: 'bind', readOnly: false, loc, implied: '--use-api-socket' });
        break;
      case 'entrypoint':
        if (v) launch.commands.push({ value: v, loc, argv: [f.value!], source: '--entrypoint' });
        break;
      default: {
        const ns = NAMESPACE_FLAGS[f.name];
        if (ns && v) {
          launch.namespaces[ns] = { value: v, loc };
          // `--network host` is a namespace; `--network mynet` is a named network, internal or not unknown here.
          if (ns === 'network' && !['host', 'none', 'bridge', 'default'].includes(v) && !v.includes(':')) {
            launch.networks.push({ name: v, internal: false, loc });
          }
        }
      }
    }
  }
}

/** `-1` and `0` mean unlimited for --pids-limit and --memory (and their compose keys). */
export function isLimit(v: string): boolean {
  return !/^\s*(-1|0)\s*$/.test(v);
}

function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** `NAME=value` (a literal), `NAME` alone (passed through from the host), `NAME=$NAME` (from the host too). */
export function envFromAssignment(text: string, token: Token, loc: Loc): ContainerLaunch['env'][number] {
  const eq = text.indexOf('=');
  if (eq < 0) return { name: text, hostVar: text, loc, valueLoc: loc };
  const name = text.slice(0, eq);
  const value = text.slice(eq + 1);
  const hostVar = hostVariable(value) ?? (token.dynamic && /\$/.test(value) ? name : undefined);
  return hostVar ? { name, hostVar, loc, valueLoc: loc } : { name, value, loc, valueLoc: loc };
}
