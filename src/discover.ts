/** Finds the files agent-sandbox-lint reads: by name, and, for a file whose name says nothing, by its first bytes. */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { globbySync } from 'globby';
import ignore, { type Ignore } from 'ignore';
import { createScanner } from 'jsonc-parser';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, EOF, OPEN_BRACE, OPEN_BRACKET, STRING } from './parse/json-tokens.js';
import { mapLimit, OPEN_LIMIT } from './concurrency.js';
import type { FileKind } from './types.js';

export interface Candidate {
  abs: string;
  /** Kind by name; `compose` candidates are confirmed by content (a top-level `services`). */
  kind: FileKind;
}

/** A file named on the command line that is not linted, and why. */
export interface Skipped {
  abs: string;
  reason: string;
}

export interface Discovery {
  candidates: Candidate[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Files named on the command line that are of no kind it reads (or cannot be read safely), with the reason. */
  skipped: Skipped[];
  /** Files of a known kind (by name) in the walked folders that a .gitignore excludes: they explain an empty run. */
  gitignored: string[];
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The kind a file name implies, or undefined when the name says nothing (extensionless scripts need their shebang). */
export function kindByName(rel: string): FileKind | undefined {
  const p = rel.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
  if (/compose.*\.ya?ml$/i.test(base)) return 'compose';
  if (/^(dockerfile|containerfile)(\..+)?$/i.test(base) || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (/\.(sh|bash|zsh)$/i.test(base)) return 'shell';
  // Shell start-up files: what they alias or define runs in every interactive shell (a container's too).
  if (/^\.(?:bashrc|zshrc|bash_aliases|bash_profile|profile|zprofile|zshenv)$/.test(base)) return 'shell';
  if (/(^|\/)\.claude\/settings(\.local)?\.json$/.test(p) || base === 'managed-settings.json') return 'claude-settings';
  // A dotfiles repository's ~/.claude/settings.json outside `.claude/`: chezmoi `dot_claude/`, stow `dot-claude/`, `claude/`.
  if (/(^|\/)(?:claude|dot-claude|(?:(?:private|exact|readonly|empty|literal)_)*dot_claude)\/settings\.json$/.test(p)) return 'claude-settings';
  if (base === '.mcp.json') return 'mcp';
  if (/(^|\/)\.vscode\/settings\.json$/.test(p)) return 'vscode-settings';
  const agentKind = agentFileKind(p, base);
  if (agentKind) return agentKind;
  if (/(^|\/)(?:\.?codex|dot-codex|(?:(?:private|exact|readonly|empty|literal)_)*dot_codex)\/config\.toml$/.test(p)) return 'codex-config';
  return undefined;
}

/**
 * Other agents' files, by their documented names (anchors/agent-surfaces.md): where an agent gets its
 * permissions, MCP servers and start-up commands from a repository.
 */
function agentFileKind(p: string, base: string): FileKind | undefined {
  if (base.endsWith('.md')) {
    if (/(^|\/)\.claude\/agents\/(?:.+\/)?[^/]+\.md$/.test(p)) return 'claude-agent';
    if (/(^|\/)\.claude\/skills\/[^/]+\/SKILL\.md$/.test(p) || /(^|\/)\.claude\/commands\/(?:.+\/)?[^/]+\.md$/.test(p)) return 'claude-skill';
    return undefined;
  }
  if (/(^|\/)\.claude-plugin\/(?:plugin|marketplace)\.json$/.test(p) || /(^|\/)hooks\/hooks\.json$/.test(p)) return 'claude-plugin';
  if (/(^|\/)\.gemini\/settings\.json$/.test(p) || /(^|\/)\.qwen\/settings(?:\.local)?\.json$/.test(p)) return 'gemini-settings';
  if (/(^|\/)\.gemini\/\.env$/.test(p)) return 'gemini-env';
  if (/(^|\/)(?:\.vscode|\.cursor|\.roo|\.kilocode|\.kiro\/settings)\/mcp\.json$/.test(p) || base === 'cline_mcp_settings.json' || base === 'mcp_settings.json') return 'mcp';
  if (/(^|\/)\.cursor\/cli\.json$/.test(p)) return 'cursor-cli';
  if (/(^|\/)\.cursor\/environment\.json$/.test(p)) return 'cursor-environment';
  if (base === 'opencode.json' || base === 'opencode.jsonc') return 'opencode';
  if (/(^|\/)\.amp\/settings\.json$/.test(p)) return 'amp-settings';
  if (/(^|\/)\.zed\/settings\.json$/.test(p)) return 'zed-settings';
  if (base === '.aider.conf.yml' || base === '.aider.conf.yaml') return 'aider-config';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || /(^|\/)\.github\/actions\/(?:[^/]+\/)*action\.ya?ml$/.test(p)) return 'workflow';
  return undefined;
}

const SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\S*\/)?(?:ba|z|da|k)?sh\b/;

/**
 * The first `bytes` bytes of a regular file, or undefined for anything else. Synchronous and non-blocking:
 * cheaper than the promise API over thousands of files, and a FIFO cannot hang it.
 */
function readHead(abs: string, bytes: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function hasShellShebang(abs: string): Promise<boolean> {
  const head = readHead(abs, 128);
  return head !== undefined && SHEBANG.test(head.toString('utf8'));
}

/** How much of a named file is read to tell its kind: a compose file's `services` or a Dockerfile's `FROM` comes early. */
export const CONTENT_HEAD_BYTES = 8 * 1024;


/** A devcontainer has one of these (what to run)... */
const DEVCONTAINER_SOURCE = ['image', 'build', 'dockerComposeFile'];
/** ...and, to tell it from any JSON with an `image`, at least one of the keys only the devcontainer spec has. */
const DEVCONTAINER_KEYS = new Set([
  'service', 'runServices', 'workspaceFolder', 'workspaceMount', 'features', 'overrideFeatureInstallOrder', 'customizations',
  'forwardPorts', 'portsAttributes', 'otherPortsAttributes', 'appPort', 'runArgs', 'mounts', 'containerEnv', 'remoteEnv',
  'containerUser', 'remoteUser', 'updateRemoteUserUID', 'userEnvProbe', 'overrideCommand', 'shutdownAction', 'init',
  'privileged', 'capAdd', 'securityOpt', 'hostRequirements', 'initializeCommand', 'onCreateCommand', 'updateContentCommand',
  'postCreateCommand', 'postStartCommand', 'postAttachCommand', 'waitFor', 'extensions', 'settings',
]);

const NOT_A_KIND =
  'neither its name nor its first lines say it is a file it reads (compose: a top-level "services" key; Dockerfile: ' +
  'a first instruction FROM or ARG; script: a sh, bash or zsh shebang; devcontainer: a JSON object with "image", ' +
  '"build" or "dockerComposeFile")';

/** The keys at the top of a JSON(C) object, as far as `text` goes (it may be cut short); undefined when it is no object. */
function topLevelKeys(text: string): Set<string> | undefined {
  const scanner = createScanner(text, true);
  if (scanner.scan() !== OPEN_BRACE) return undefined;
  const keys = new Set<string>();
  let depth = 1;
  let last: string | undefined;
  for (let kind = scanner.scan(); kind !== EOF && depth > 0; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) depth++;
    else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) depth--;
    else if (kind === COLON && depth === 1 && last !== undefined) keys.add(last);
    last = kind === STRING && depth === 1 ? scanner.getTokenValue() : undefined;
  }
  return keys;
}

/** The program a `#!` line runs (`python3` for `#!/usr/bin/env python3`). */
function interpreter(shebang: string): string {
  const words = shebang.slice(2).trim().split(/\s+/);
  const first = words[0]?.split('/').pop() ?? '';
  const prog = first === 'env' ? words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? 'env' : first;
  return prog.slice(0, 40);
}

/**
 * The kind of a file whose name says nothing, from its first bytes (`head`, at most CONTENT_HEAD_BYTES), or why
 * it is none. Only line starts and a JSON object's top-level keys are looked at; the parser decides the rest.
 */
export function kindByContent(head: Buffer, name: string): { kind: FileKind } | { reason: string } {
  if (head.length === 0) return { reason: 'it is empty' };
  if (head.includes(0)) return { reason: 'it is binary (it has NUL bytes)' };
  let text = head.toString('utf8');
  // A line cut off by the read is not judged: `services` may be the start of `services_old:`.
  if (head.length >= CONTENT_HEAD_BYTES && text.includes('\n')) text = text.slice(0, text.lastIndexOf('\n'));
  if (text.startsWith('#!')) {
    if (SHEBANG.test(text)) return { kind: 'shell' };
    return { reason: `its shebang runs ${interpreter(text.split('\n', 1)[0])}, not sh, bash or zsh` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const keys = topLevelKeys(text);
  if (keys) {
    if (DEVCONTAINER_SOURCE.some((k) => keys.has(k)) && [...keys].some((k) => DEVCONTAINER_KEYS.has(k))) return { kind: 'devcontainer' };
    if (keys.has('services')) return { kind: 'compose' };
    return { reason: 'it is a JSON object without the keys of a devcontainer ("image", "build" or "dockerComposeFile", with "features", "runArgs", "remoteUser" …)' };
  }
  const lines = text.split(/\r?\n/);
  // Comments, blank lines, parser directives (`# syntax=…`, also comments) and template slots (`{{NAME}}`) come before it.
  const first = lines.find((l) => !/^\s*(?:#.*|\{\{.*\}\}\s*)?$/.test(l));
  if (first !== undefined && /^\s*(?:from|arg)[ \t]+\S/i.test(first)) return { kind: 'dockerfile' };
  // A top-level key is the only `services:` at column 0 of a YAML mapping.
  if (lines.some((l) => /^(?:services|"services"|'services')[ \t]*:(?:[ \t]|$)/.test(l))) return { kind: 'compose' };
  if (/\.ya?ml$/i.test(name)) return { reason: `its first ${CONTENT_HEAD_BYTES / 1024} KB have no top-level "services" key, so it is no compose file` };
  if (/dockerfile|containerfile/i.test(name)) return { reason: `its first instruction is not FROM or ARG, so it is no Dockerfile` };
  return { reason: NOT_A_KIND };
}

/**
 * Is `abs`, after resolving links, a regular file inside `root`? A link out of the scanned tree is never
 * followed, and a FIFO, socket or device is never opened (reading a FIFO would block the run forever).
 * `realRoot` may be passed when the caller already resolved the root.
 */
export async function insideRoot(abs: string, root: string, realRoot?: string): Promise<boolean> {
  try {
    // A missing file (a compose build naming a Dockerfile that is not there) is common: no thrown ENOENT for it.
    if (!statSync(abs, { throwIfNoEntry: false })) return false;
    const real = realpathSync.native(abs);
    const rel = path.relative(realRoot ?? realpathSync.native(root), real);
    if (rel !== '' && (rel.startsWith('..') || path.isAbsolute(rel))) return false;
    return statSync(real).isFile();
  } catch {
    return false;
  }
}

/**
 * Walks a directory: every file of a known kind, respecting .gitignore. One walk for all kinds. The walk
 * neither enters linked folders nor returns links (`followSymbolicLinks: false` + `onlyFiles`): every entry is a
 * regular file under `root` by construction, so no per-file realpath is needed.
 */
export async function discoverDir(root: string): Promise<Candidate[]> {
  return (await walkDir(root)).candidates;
}

async function walkDir(root: string): Promise<{ candidates: Candidate[]; gitignored: string[] }> {
  // One walk finds every file, and the names decide (kindByName): one glob is cheaper for fast-glob than one
  // per kind (15,000 entries: 0.12 s instead of 0.14 s; 10 files: 5 ms instead of 9), and the walk then agrees
  // with the names of files given on the command line, case-insensitively. globby's own `gitignore` option walks
  // the tree a second time (10,000 files: 1.1 s instead of 0.2 s), so .gitignore files come from this walk too.
  // Synchronous: nothing else runs meanwhile, and a promise per folder cost 0.2 s on 15,000 entries.
  const opts = { cwd: root, dot: true, ignore: IGNORE, followSymbolicLinks: false, onlyFiles: true, suppressErrors: true };
  const all = globbySync('**/*', opts);
  const ignored = gitignored(root, all.filter((rel) => path.posix.basename(rel) === '.gitignore'));
  const out: Candidate[] = [];
  const excluded: string[] = [];
  const bare: string[] = [];
  // A walk started inside an agent's folder (`lint .claude`, `lint .cursor`): names are judged with the folders above.
  const prefix = /(?:^|[\\/])\.[^\\/]+(?:[\\/]|$)|(?:^|[\\/])hooks$/.test(root) ? `${root.split(path.sep).join('/')}/` : undefined;
  for (const rel of all) {
    const kind = kindByName(rel) ?? (prefix ? kindByName(prefix + rel) : undefined);
    const extensionless = !kind && !path.posix.basename(rel).includes('.');
    if (!kind && !extensionless) continue;
    if (ignored(rel)) {
      if (kind) excluded.push(path.resolve(root, rel));
      continue;
    }
    if (kind) out.push({ abs: path.resolve(root, rel), kind });
    else bare.push(rel);
  }
  const shebang = await mapLimit(bare, OPEN_LIMIT, (rel) => hasShellShebang(path.resolve(root, rel)));
  bare.forEach((rel, i) => {
    if (shebang[i]) out.push({ abs: path.resolve(root, rel), kind: 'shell' });
  });
  return { candidates: out, gitignored: excluded };
}

/**
 * What .gitignore files exclude: those found in the walk (each applies below its folder) and those of the
 * folders above `root` up to the repository's top (the folder with `.git`). The folder named is scanned even
 * when one of those above ignores it (or a folder it is in), as git and ripgrep do for a path they are given:
 * their rules still apply to what is below it.
 */
function gitignored(root: string, found: string[]): (rel: string) => boolean {
  const rules: { dir: string; ig: Ignore }[] = [];
  const add = (dirAbs: string, reinclude: string[] = []) => {
    const text = readGitignore(path.join(dirAbs, '.gitignore'));
    if (text !== undefined) rules.push({ dir: dirAbs, ig: ignore().add(text).add(reinclude) });
  };
  for (const dir of foldersUpToRepoTop(root)) add(dir, reincludePath(path.relative(dir, root)));
  for (const rel of found) add(path.resolve(root, path.posix.dirname(rel)));
  if (rules.length === 0) return () => false;
  return (rel) => {
    const abs = path.resolve(root, rel);
    return rules.some(({ dir, ig }) => {
      const r = path.relative(dir, abs);
      return !r.startsWith('..') && !path.isAbsolute(r) && ig.ignores(r.split(path.sep).join('/'));
    });
  };
}

/**
 * Negated rules, last in their file, for `rel` and each folder on the way to it (`a/b` → `!/a`, `!/a/b`): the
 * last matching rule wins, and a folder that is not excluded lets the rules decide about what is in it.
 */
function reincludePath(rel: string): string[] {
  const parts = rel.split(path.sep);
  // Escaped, so a folder named `a[1]` or `#x` is itself and not a pattern or a comment.
  const literal = (s: string) => s.replace(/[\\*?[\]!#]/g, '\\$&').replace(/ $/, '\\ ');
  return parts.map((_, i) => `!/${parts.slice(0, i + 1).map(literal).join('/')}`);
}

/** The folders above `root` within its git repository; none when `root` is the top or is in no repository. */
function foldersUpToRepoTop(root: string): string[] {
  const up: string[] = [];
  for (let dir = root; ; ) {
    if (existsSync(path.join(dir, '.git'))) return up;
    const parent = path.dirname(dir);
    if (parent === dir) return [];
    up.push(parent);
    dir = parent;
  }
}

function readGitignore(abs: string): string | undefined {
  try {
    return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The folder an explicit file may not leave through a link: the working directory, or the file's own folder outside it. */
function explicitRoot(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(abs) : cwd;
}

/**
 * The kind of a file named on the command line: by its name, else by its first bytes, or why it is not read.
 * A link out of the working directory (a committed `compose.yaml -> /etc/passwd`) is not followed, and
 * anything but a regular file (a FIFO) is not opened, as in a walk. Nothing is executed.
 */
export async function identifyNamedFile(abs: string, cwd: string): Promise<{ kind: FileKind } | { reason: string }> {
  const root = explicitRoot(abs, cwd);
  if (!(await insideRoot(abs, root))) {
    let regular = false;
    try {
      regular = statSync(abs).isFile();
    } catch {
      // A dangling link: it leads nowhere readable, which is what the reason says.
    }
    return { reason: regular ? `it is a symbolic link out of ${root}, and links out are never followed` : 'it is not a regular file (a FIFO, socket or device is never opened)' };
  }
  const kind = kindByName(abs);
  if (kind) return { kind };
  const head = readHead(abs, CONTENT_HEAD_BYTES);
  if (head === undefined) return { reason: 'it could not be read' };
  return kindByContent(head, path.basename(abs));
}

/**
 * Expands the command-line paths: directories are walked, files are taken as given (pre-commit passes file names)
 * and read when their name or content gives a kind; the others are `skipped`, with the reason.
 */
export async function discover(paths: string[], cwd: string): Promise<Discovery> {
  const candidates: Candidate[] = [];
  const missing: string[] = [];
  const skipped: Skipped[] = [];
  const excluded: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      const walked = await walkDir(abs);
      candidates.push(...walked.candidates);
      excluded.push(...walked.gitignored);
      continue;
    }
    const id = await identifyNamedFile(abs, cwd);
    if ('kind' in id) candidates.push({ abs, kind: id.kind });
    else skipped.push({ abs, reason: id.reason });
  }
  const unique = new Map(candidates.map((c) => [c.abs, c]));
  const linted = new Set(unique.keys());
  return {
    candidates: [...unique.values()].sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0)),
    missing,
    // A file both named and found in a named folder is read, so it is not skipped.
    skipped: [...new Map(skipped.filter((s) => !linted.has(s.abs)).map((s) => [s.abs, s])).values()],
    gitignored: [...new Set(excluded)].filter((abs) => !linted.has(abs)).sort(),
  };
}
