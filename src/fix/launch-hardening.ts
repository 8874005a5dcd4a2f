/**
 * Fixes that add hardening to a container launch where it is described: the compose service, the devcontainer's
 * `runArgs`, or the `docker run` line. Written once over the launch model, for every format that feeds it.
 *
 * A fix is applied by `--fix` only when it cannot break the container: dropping every capability is safe for a
 * process that does not run as root and never becomes root; no-new-privileges is safe when nothing in the
 * environment uses sudo or another setuid program. Otherwise it is a suggestion, with why.
 */
import type { Fix, Located, TextEdit } from '../types.js';
import { splitOutsideExpansions, type ContainerLaunch, type Mount } from '../model/launch.js';
import type { ProjectModel } from '../model/project.js';
import type { Command } from '../model/command.js';
import type { TextIndex } from '../parse/text-index.js';
import { entry, isSeq } from '../parse/tree.js';
import { launchUser } from '../model/container-user.js';
import { insertAfter, jsonAppend, yamlAddEntry, yamlAppendItem } from './edit.js';

/** Programs that need privilege back at run time: sudo and su, or an installed sudoers grant. */
const PRIVILEGE_PROGRAMS = /(?:^|[\s;&|(`])(?:sudo|su|gosu|su-exec|runuser|setpriv|doas)(?=\s|$)|sudoers/;

/** The Dev Containers images (and their features' common-utils) set up sudo for their non-root user. */
const SUDO_IMAGES = /^mcr\.microsoft\.com\/(?:vscode\/)?devcontainers\//;

const commandCache = new WeakMap<ProjectModel, Map<object, Command[]>>();

/** The commands that run in a launch or its Dockerfile, grouped once per model (a fix is built per finding). */
function commandsOf(model: ProjectModel, owner: object): Command[] {
  let m = commandCache.get(model);
  if (!m) {
    commandCache.set(model, (m = new Map()));
    for (const c of model.commands) {
      for (const o of [c.launch, c.dockerfile]) {
        if (!o) continue;
        const list = m.get(o);
        if (list) list.push(c);
        else m.set(o, [c]);
      }
    }
  }
  return m.get(owner) ?? [];
}

const indexCache = new WeakMap<ProjectModel, Map<string, TextIndex>>();

export function fileIndex(model: ProjectModel, file: string): TextIndex | undefined {
  let m = indexCache.get(model);
  if (!m) indexCache.set(model, (m = new Map(model.files.map((f) => [f.file, f.index]))));
  return m.get(file);
}

/** Why the container needs to gain privilege at run time, if it does: a command or the Dockerfile uses sudo. */
function gainsPrivilege(model: ProjectModel, l: ContainerLaunch): string | undefined {
  const base = l.dockerfile?.stages.at(-1)?.image.value ?? l.image?.value;
  if (base && SUDO_IMAGES.test(base)) return `its image ${base} gives its user passwordless sudo`;
  const feature = l.features.find((f) => /common-utils|\/sudo(?::|$)/.test(f.value));
  if (feature) return `the feature ${feature.value} sets up sudo`;
  for (const spec of [...l.commands, ...(l.dockerfile?.commands ?? [])]) {
    if (PRIVILEGE_PROGRAMS.test(spec.value)) return `${spec.source} uses \`${spec.value.trim().slice(0, 60)}\``;
  }
  for (const c of [...commandsOf(model, l), ...(l.dockerfile ? commandsOf(model, l.dockerfile) : [])]) {
    if (PRIVILEGE_PROGRAMS.test(c.statement)) return `${c.source} uses \`${c.statement.trim().slice(0, 60)}\``;
  }
  return undefined;
}

function build(model: ProjectModel, l: ContainerLaunch, description: string, edit: (index: TextIndex) => TextEdit[] | undefined, caution: string | undefined): Fix | undefined {
  if (!l.edit) return undefined;
  const index = fileIndex(model, l.edit.file);
  const edits = index && edit(index);
  if (!edits?.length) return undefined;
  return { description, file: l.edit.file, edits, safe: caution === undefined, ...(caution ? { caution } : {}) };
}

/** A list key of a compose service: append to it, or add it with this one item. */
function yamlListItem(index: TextIndex, l: ContainerLaunch, key: string, item: string): TextEdit[] | undefined {
  if (l.edit?.format !== 'yaml-map') return undefined;
  const existing = entry(l.edit.map, key);
  if (existing) {
    const e = isSeq(existing.value) ? yamlAppendItem(index, existing.value, item) : undefined;
    return e && [e];
  }
  const e = yamlAddEntry(index, l.edit.map, key, { items: [item] });
  return e && [e];
}

type JsonItem = { path: string[]; value: string };

/** `json.own`: the devcontainer's own key for it (`securityOpt`), used when the file already has that key. */
function hardeningEdit(l: ContainerLaunch, yaml: { key: string; item: string }, json: JsonItem & { own?: JsonItem & { key: string } }, flag: string) {
  return (index: TextIndex): TextEdit[] | undefined => {
    const target = l.edit;
    if (!target) return undefined;
    if (target.format === 'yaml-map') return yamlListItem(index, l, yaml.key, yaml.item);
    if (target.format === 'json') {
      const own = json.own && entry(target.root, json.own.key) ? json.own : json;
      return jsonAppend(index, target.root, own.path, [own.value]);
    }
    return [insertAfter(index, target.after, flag)];
  };
}

export function capDropAllFix(model: ProjectModel, l: ContainerLaunch): Fix | undefined {
  const user = launchUser(model, l);
  const gains = gainsPrivilege(model, l);
  const caution =
    user.root !== false ? `it runs as root${user.root === 'unknown' ? ' (its image is not in the scan, so its user cannot be seen)' : ''}, and root without capabilities cannot chown, bind low ports or install packages: check what it does first`
      : gains ? `${gains}: without capabilities that fails; allow back only what it needs (cap_add)` : undefined;
  const where = l.edit?.format === 'yaml-map' ? 'cap_drop: [ALL]' : '--cap-drop=ALL';
  return build(model, l, `add ${where} to ${l.name}`, hardeningEdit(l, { key: 'cap_drop', item: 'ALL' }, { path: ['runArgs'], value: '--cap-drop=ALL' }, '--cap-drop=ALL'), caution);
}

export function noNewPrivilegesFix(model: ProjectModel, l: ContainerLaunch): Fix | undefined {
  const gains = gainsPrivilege(model, l);
  const caution = gains ? `${gains}, which no-new-privileges stops: allow it another way first` : undefined;
  const where = l.edit?.format === 'yaml-map' ? 'security_opt: [no-new-privileges:true]' : '--security-opt=no-new-privileges';
  return build(model, l, `add ${where} to ${l.name}`, hardeningEdit(
    l,
    { key: 'security_opt', item: 'no-new-privileges:true' },
    { path: ['runArgs'], value: '--security-opt=no-new-privileges', own: { key: 'securityOpt', path: ['securityOpt'], value: 'no-new-privileges' } },
    '--security-opt=no-new-privileges',
  ), caution);
}

/**
 * Makes a bind mount read-only where it is written: `:ro` after a `-v`/short compose spec, `,readonly` after a
 * `--mount`/devcontainer mount string, `read_only: true` in a long compose entry. Undefined when the mount's text
 * is not one of those (a variable holding the whole spec).
 */
export function readOnlyMountFix(model: ProjectModel, l: ContainerLaunch, m: Mount, caution?: string): Fix | undefined {
  if (m.implied || m.readOnly) return undefined;
  const index = fileIndex(model, m.loc.file);
  if (!index) return undefined;
  const from = index.offset(m.loc.start);
  const to = index.offset(m.loc.end);
  let raw = index.text.slice(from, to);
  // The location may include the quotes of a JSON or YAML string: the edit goes inside them.
  const quote = /^["']/.test(raw) && raw.endsWith(raw[0]) && raw.length > 1 ? 1 : 0;
  raw = raw.slice(quote, raw.length - quote);
  const end = to - quote;
  const description = `mount ${m.source} read-only in ${l.name}`;
  const edit = (offset: number, length: number, text: string): Fix => ({ description, file: m.loc.file, edits: [{ offset, length, text }], safe: !caution, ...(caution ? { caution } : {}) });
  if (/(?:^|,)\s*(?:type|source|src|target|destination|dst)=/.test(raw)) return edit(end, 0, ',readonly');
  if (/\s/.test(raw) || raw.startsWith('{')) return undefined;
  const parts = splitOutsideExpansions(raw, ':');
  if (parts.length === 2) return edit(end, 0, ':ro');
  if (parts.length !== 3) return undefined;
  // `src:dst:rw` → `:ro`; other options (`z`, `cached`) keep theirs and gain `ro`.
  const mode = parts[2];
  const modes = mode.split(',');
  const next = modes.includes('rw') ? modes.map((o) => (o === 'rw' ? 'ro' : o)) : [...modes, 'ro'];
  return edit(end - mode.length, mode.length, next.join(','));
}

const PRIVILEGED_CAUTION = 'something in the container may need it (Docker-in-Docker, a VPN, a device): find what breaks without it, then grant only that (cap_add, devices)';

/**
 * Turns `privileged` off where it is written: `true` → `false` in a compose service or devcontainer.json, the
 * `--privileged` word taken off a `docker run` line. Always a suggestion: a privileged container is usually so
 * because something in it needs it. A feature that implies it (docker-in-docker) has no edit.
 */
export function privilegedOffFix(model: ProjectModel, l: ContainerLaunch, p: Located<string>): Fix | undefined {
  const index = fileIndex(model, p.loc.file);
  if (!index) return undefined;
  const from = index.offset(p.loc.start);
  const to = index.offset(p.loc.end);
  const text = index.text.slice(from, to);
  const fix = (edit: TextEdit): Fix => ({ description: `turn privileged off in ${l.name}`, file: p.loc.file, edits: [edit], safe: false, caution: PRIVILEGED_CAUTION });
  if (p.value === '--privileged') {
    if (!/^--privileged(?:=true)?$/.test(text)) return undefined;
    // The word and the blanks after it, so the line keeps one space between its neighbours.
    const gap = /^[ \t]*/.exec(index.text.slice(to))![0].length;
    return fix({ offset: from, length: to - from + gap, text: '' });
  }
  if (/^(?:true|True|TRUE|yes|on)$/.test(text)) return fix({ offset: from, length: to - from, text: 'false' });
  return undefined;
}
