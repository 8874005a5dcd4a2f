/**
 * ContainerLaunch: one container an agent may run in, whatever described it (a devcontainer, a compose
 * service, a `docker run` line). Rules read this and never the formats behind it.
 */
import type { Loc, Located } from '../types.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import type { LMap } from '../parse/tree.js';

export type LaunchSource = 'devcontainer' | 'compose' | 'docker-run';

export interface Mount {
  /** Host side as written (`~/.aws`, `${localEnv:HOME}/.ssh`, `/var/run/docker.sock`); undefined for anonymous volumes. */
  source?: string;
  target?: string;
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  readOnly: boolean;
  loc: Loc;
  /** Set when no mount is written but one exists: the devcontainer's workspace, a feature's socket. */
  implied?: string;
}

export interface EnvEntry {
  name: string;
  /** The literal value, when one is written (`NAME=value`). */
  value?: string;
  /** The value comes from the host at launch: `-e NAME`, `NAME=${NAME}`, `${localEnv:NAME}`. */
  hostVar?: string;
  loc: Loc;
  /** Where the value is, for findings about the value itself. */
  valueLoc: Loc;
}

/** A word of a command line with its location; `dynamic` when it holds an expansion known only at run time. */
export interface Token {
  text: string;
  loc: Loc;
  dynamic: boolean;
  /** Stands for any number of words whose values are unknown (`"${args[@]}"` never filled in the script). */
  spread?: boolean;
}

/** A command some file says will run: a shell string (parsed later, once) or an argv list (exec form). */
export interface CommandSpec {
  /** As written (an argv list joined with spaces): for messages and text checks. */
  value: string;
  loc: Loc;
  /** Exec form (a JSON or YAML list, the words after the image in `docker run`): one word per item. */
  argv?: Token[];
  /** What wrote it, for messages: `compose command`, `postCreateCommand`, `Dockerfile RUN`. */
  source: string;
  /** The text to parse when it differs from `value` at the same length (a workflow `run:` with `${{ }}` stood in by variables). */
  parseAs?: string;
}

/** An entrypoint and a command as one: joined argv when both are lists (`["npx", "-y"]` + `["server"]`), else each alone. */
export function joinSpecs(entry: CommandSpec | undefined, cmd: CommandSpec | undefined, source: string): CommandSpec | undefined {
  if (entry?.argv && cmd?.argv) {
    const argv = [...entry.argv, ...cmd.argv];
    return { value: argv.map((t) => t.text).join(' '), loc: entry.loc, argv, source };
  }
  return entry ?? cmd;
}

/** One file (and the span in it) that describes a launch: a joined devcontainer has its compose service(s) and itself. */
export interface LaunchPart {
  source: LaunchSource;
  /** As the launch was named when made: `compose service "agent"`. */
  name: string;
  file: string;
  /** The lines that belong to this launch: the compose service's entry, the `docker run` command, the devcontainer file. */
  span: Loc;
}

/** Where a mechanical fix adds hardening to this launch (fix/launch-hardening.ts). */
export type LaunchEditTarget =
  | { format: 'yaml-map'; file: string; map: LMap }
  | { format: 'json'; file: string; root: LMap }
  | { format: 'argv'; file: string; after: Loc };

export type Namespace = 'network' | 'pid' | 'ipc' | 'uts' | 'userns' | 'cgroupns';

export interface ContainerLaunch {
  source: LaunchSource;
  /** How messages name it: `compose service "agent"`, `devcontainer "Claude"`, `docker run`. */
  name: string;
  /** Where findings about something missing point: the service key, the `docker run` words, the devcontainer's image/build key. */
  anchor: Loc;
  /** The files that describe it, in the order joined; the posture's environment parts. */
  parts: LaunchPart[];
  /** Where hardening is written by `--fix`; absent when the launch cannot be edited in place. */
  edit?: LaunchEditTarget;
  image?: Located<string>;
  /** Where the launch says its image is built (compose `build`, devcontainer `build`): `image` then only names the result. */
  build?: Loc;
  /** The Dockerfile this launch builds, when it could be read. */
  dockerfile?: DockerfileDoc;
  /** The name `docker exec` reaches it by: `--name`, compose `container_name` or the service name. */
  containerName?: string;
  /** Its image is one the project builds (`docker build -t NAME`, another service's build): never pulled. */
  localImage?: boolean;
  /** Each thing that makes it privileged: the flag, the key, or a feature that implies it. */
  privileged: Located<string>[];
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  securityOpt: Located<string>[];
  user?: Located<string>;
  readOnly?: Located<boolean>;
  namespaces: Partial<Record<Namespace, Located<string>>>;
  /** Named networks the container joins, with whether each is `internal: true`. */
  networks: { name: string; internal: boolean; loc: Loc }[];
  mounts: Mount[];
  env: EnvEntry[];
  /** Build args and labels: values baked into the image or its metadata. */
  buildArgs: EnvEntry[];
  labels: EnvEntry[];
  envFiles: Located<string>[];
  devices: Located<string>[];
  tmpfs: Located<string>[];
  memoryLimit?: Loc;
  pidsLimit?: Loc;
  /** The container's command and entrypoint, and setup commands that run inside it (devcontainer lifecycle). */
  commands: CommandSpec[];
  /** Devcontainer lifecycle commands that run on the host (`initializeCommand`). */
  hostCommands: CommandSpec[];
  features: Located<string>[];
  /** Devcontainer `customizations.vscode.extensions`: agent extensions (Claude Code, Cline …) mean an agent works here. */
  extensions: Located<string>[];
  /**
   * Devcontainer `customizations.vscode.settings` (`claudeCode.initialPermissionMode` …), as written: VS Code
   * applies them as the container's machine settings, which extensions read like user settings.
   */
  ideSettings: { key: string; value: string; loc: Loc }[];
}

export function emptyLaunch(source: LaunchSource, name: string, anchor: Loc, span: Loc = anchor): ContainerLaunch {
  return {
    source,
    name,
    anchor,
    parts: [{ source, name, file: anchor.file, span }],
    privileged: [],
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    namespaces: {},
    networks: [],
    mounts: [],
    env: [],
    buildArgs: [],
    labels: [],
    envFiles: [],
    devices: [],
    tmpfs: [],
    commands: [],
    hostCommands: [],
    features: [],
    extensions: [],
    ideSettings: [],
  };
}

/** Splits on `sep` outside `${…}` and `$(…)`, so `${localEnv:HOME}/.ssh:/root/.ssh:ro` keeps its first part whole. */
export function splitOutsideExpansions(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && (s[i + 1] === '{' || s[i + 1] === '(')) {
      depth++;
      cur += c + s[i + 1];
      i++;
      continue;
    }
    if ((c === '}' || c === ')') && depth > 0) depth--;
    if (c === sep && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

const READ_ONLY_MODES = new Set(['ro', 'readonly']);

function sourceType(source: string): Mount['type'] {
  return /^[/.~$]/.test(source) || /^[A-Za-z]:[\\/]/.test(source) ? 'bind' : 'volume';
}

/** `-v src:dst[:opts]` and compose's short volume syntax. */
export function parseVolumeSpec(spec: string, loc: Loc): Mount {
  let parts = splitOutsideExpansions(spec, ':');
  // A Windows drive letter (`C:\src:/app`) is not a separator.
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]) && /^[\\/]/.test(parts[1])) parts = [`${parts[0]}:${parts[1]}`, ...parts.slice(2)];
  if (parts.length === 1) return { target: parts[0], type: 'volume', readOnly: false, loc };
  const [source, target, mode = ''] = parts;
  const readOnly = mode.split(',').some((m) => READ_ONLY_MODES.has(m.trim()));
  return { source, target, type: sourceType(source), readOnly, loc };
}

/** `--mount type=bind,source=…,target=…,readonly` and the devcontainer `mounts` string form. */
export function parseMountSpec(spec: string, loc: Loc): Mount {
  const fields = new Map<string, string>();
  for (const part of splitOutsideExpansions(spec, ',')) {
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    fields.set(k, eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  const source = fields.get('source') ?? fields.get('src');
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  const typeField = fields.get('type') ?? (source ? sourceType(source) : 'volume');
  const type: Mount['type'] = typeField === 'bind' || typeField === 'volume' || typeField === 'tmpfs' ? typeField : 'other';
  const roValue = fields.get('readonly') ?? fields.get('ro');
  const readOnly = roValue !== undefined && !['false', '0'].includes(roValue.toLowerCase());
  return { source, target, type, readOnly, loc };
}

/**
 * A host path with every spelling of the home directory folded to `~`:
 * `$HOME`, `${HOME}`, `${localEnv:HOME}`, `${env:HOME}`, `${localEnv:USERPROFILE}`, `/home/<user>`, `/root`, `/Users/<user>`.
 * Trailing slashes go; `.` segments go.
 */
export function normalizeHostPath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  // VS Code's portable spelling names the home folder twice, one of which is empty on each OS.
  s = s.replace(/^\$\{(?:localEnv|env):(?:HOME|USERPROFILE)\}\$\{(?:localEnv|env):(?:HOME|USERPROFILE)\}/, '~');
  s = s.replace(
    /^(?:~[A-Za-z0-9_-]*|\$HOME|\$\{HOME(?::?[-=][^}]*)?\}|\$\{(?:localEnv|env):(?:HOME|USERPROFILE)(?::[^}]*)?\}|%USERPROFILE%|\/home\/[^/]+|\/Users\/[^/]+|\/root)(?=\/|$)/,
    '~',
  );
  s = s.replace(/\/\.(?=\/|$)/g, '').replace(/\/{2,}/g, '/');
  if (s.length > 1) s = s.replace(/\/+$/, '');
  return s;
}

/** The env value refers to a host variable: `$NAME`, `${NAME}`, `${NAME:-x}`, `${localEnv:NAME}`, `${env:NAME}`. */
export function hostVariable(value: string): string | undefined {
  const m = /^\$\{(?:localEnv:|env:)?([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(value.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}
