/**
 * Package specs in commands: what `npx`-like runners fetch and run, and what global installs put on the
 * machine, with whether each names one exact version.
 */
import type { ShellWord } from '../parse/shell.js';
import type { Command } from './command.js';
import { basename } from './argv.js';

export type Ecosystem = 'npm' | 'pypi';

export interface PackageRef {
  /** The word naming the package (`@anthropic-ai/claude-code@2.1.0`, `ruff==0.6.9`). */
  word: ShellWord;
  ecosystem: Ecosystem;
  name: string;
  /** The version asked for, after resolving a Dockerfile ARG default; undefined when none is given. */
  version?: string;
  /** The version could not be known here (`pkg@$VERSION` with no default). */
  unknown: boolean;
  /** The runner or installer, for messages: `npx`, `npm install -g`, `pip install`. */
  tool: string;
}

const EXACT = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function isExactVersion(v: string | undefined): boolean {
  return v !== undefined && EXACT.test(v);
}

/** `${NAME}` / `$NAME` from the Dockerfile's ARG defaults; undefined when something stays unresolved. */
function resolveArgs(text: string, c: Command): string | undefined {
  if (!text.includes('$')) return text;
  const args = new Map((c.dockerfile?.env ?? []).filter((e) => e.keyword === 'ARG' && e.value !== null).map((e) => [e.name, e.value!]));
  const out = text.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (m, a: string | undefined, b: string | undefined) => args.get((a ?? b)!) ?? m);
  return out.includes('$') ? undefined : out;
}

function npmRef(word: ShellWord, c: Command, tool: string): PackageRef | undefined {
  const text = resolveArgs(word.text, c);
  if (text === undefined) return { word, ecosystem: 'npm', name: word.text, unknown: true, tool };
  // Paths, URLs, git and tarball specs are not registry packages.
  if (/^[./~]|^[a-z+]+:|\.tgz$|^[\w-]+\/[\w.-]+$/.test(text) && !text.startsWith('@')) return undefined;
  const at = text.lastIndexOf('@');
  const hasVersion = at > 0;
  return { word, ecosystem: 'npm', name: hasVersion ? text.slice(0, at) : text, version: hasVersion ? text.slice(at + 1) : undefined, unknown: false, tool };
}

function pypiRef(word: ShellWord, c: Command, tool: string): PackageRef | undefined {
  const text = resolveArgs(word.text, c);
  if (text === undefined) return { word, ecosystem: 'pypi', name: word.text, unknown: true, tool };
  if (/^[./~]|^[a-z+]+:|\.(whl|tar\.gz|zip)$/.test(text)) return undefined;
  const m = /^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:(===?|@)\s*([^\s;,]+))?/.exec(text);
  if (!m) return undefined;
  // `pkg>=1`, `pkg~=1.2`, `pkg<2` are ranges: no exact version.
  const exact = m[2] !== undefined && !/[<>~!,*]/.test(text.slice(m[1].length));
  return { word, ecosystem: 'pypi', name: m[1], version: exact ? m[3] : undefined, unknown: false, tool };
}

/** Positional words after `start`, skipping options and the values of options that take one. */
function positionals(words: ShellWord[], start: number, valueFlags: Set<string>, stopAtFirst = false): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = start; i < words.length; i++) {
    const t = words[i].text;
    if (t === '--') {
      out.push(...(stopAtFirst ? words.slice(i + 1, i + 2) : words.slice(i + 1)));
      break;
    }
    if (t.startsWith('-')) {
      if (valueFlags.has(t)) i++;
      continue;
    }
    out.push(words[i]);
    if (stopAtFirst) break;
  }
  return out;
}

function optionValues(words: ShellWord[], names: string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const t = words[i].text;
    for (const n of names) {
      if (t === n && words[i + 1]) out.push(words[i + 1]);
      else if (t.startsWith(`${n}=`)) out.push({ ...words[i], text: t.slice(n.length + 1) });
    }
  }
  return out;
}

const NPX_VALUE_FLAGS = new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '-w', '--workspace']);

/**
 * What an `npx`-like runner fetches and runs: `npx`, `npm exec`, `pnpm dlx`, `yarn dlx`, `bunx`, `bun x`,
 * `uvx`, `pipx run`. Runs that only use what is installed (`--no-install`, `--offline`) fetch nothing.
 */
export function runnerPackages(c: Command): PackageRef[] {
  const w = c.words;
  const prog = basename(w[0]?.text ?? '');
  const sub = w[1]?.text;
  let start: number;
  let tool: string;
  let eco: Ecosystem = 'npm';
  if (prog === 'npx') [start, tool] = [1, 'npx'];
  else if (prog === 'bunx') [start, tool] = [1, 'bunx'];
  else if (prog === 'npm' && (sub === 'exec' || sub === 'x')) [start, tool] = [2, `npm ${sub}`];
  else if ((prog === 'pnpm' || prog === 'yarn') && sub === 'dlx') [start, tool] = [2, `${prog} dlx`];
  else if (prog === 'bun' && sub === 'x') [start, tool] = [2, 'bun x'];
  else if (prog === 'uvx') [start, tool, eco] = [1, 'uvx', 'pypi'];
  else if (prog === 'uv' && sub === 'tool' && w[2]?.text === 'run') [start, tool, eco] = [3, 'uv tool run', 'pypi'];
  else if (prog === 'pipx' && sub === 'run') [start, tool, eco] = [2, 'pipx run', 'pypi'];
  else return [];
  const rest = w.slice(start);
  if (rest.some((t) => t.text === '--no-install' || t.text === '--offline' || t.text === '--no') ) return [];
  const explicit = optionValues(rest, eco === 'npm' ? ['-p', '--package'] : ['--from', '--spec']);
  const words = explicit.length ? explicit : positionals(w, start, NPX_VALUE_FLAGS, true);
  return words.flatMap((word) => (eco === 'npm' ? npmRef(word, c, tool) : pypiRef(word, c, tool)) ?? []);
}

const PIP_VALUE_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-t', '--target', '--prefix', '--root', '-f', '--find-links', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--src', '--upgrade-strategy', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--python', '-p', '--with', '--index', '--default-index']);
const NPM_VALUE_FLAGS = new Set(['--registry', '--prefix', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--location']);

/** Global installs and tool installs: `npm i -g`, `pnpm add -g`, `yarn global add`, `bun add -g`, `pip install`, `pipx install`, `uv tool install`, `uv pip install`. */
export function installedPackages(c: Command): PackageRef[] {
  const w = c.words;
  let prog = basename(w[0]?.text ?? '');
  let i = 1;
  // `python3 -m pip install …`
  if (/^python(\d(\.\d+)?)?$/.test(prog) && w[1]?.text === '-m' && /^pip\d?$/.test(w[2]?.text ?? '')) [prog, i] = ['pip', 3];
  const sub = w[i]?.text;
  const global = w.some((t) => t.text === '-g' || t.text === '--global' || t.text === '--location=global');
  if ((prog === 'npm' && ['install', 'i', 'add', 'isntall', 'in'].includes(sub ?? '')) || ((prog === 'pnpm' || prog === 'bun') && ['add', 'install', 'i'].includes(sub ?? ''))) {
    if (!global) return [];
    return positionals(w, i + 1, NPM_VALUE_FLAGS).flatMap((word) => npmRef(word, c, `${prog} ${sub} -g`) ?? []);
  }
  if (prog === 'yarn' && sub === 'global' && w[i + 1]?.text === 'add') {
    return positionals(w, i + 2, NPM_VALUE_FLAGS).flatMap((word) => npmRef(word, c, 'yarn global add') ?? []);
  }
  if (/^pip\d?(\.\d+)?$/.test(prog) && sub === 'install') return pipSpecs(w, i + 1, c, 'pip install');
  if (prog === 'pipx' && sub === 'install') return pipSpecs(w, i + 1, c, 'pipx install');
  if (prog === 'uv' && sub === 'tool' && w[i + 1]?.text === 'install') return pipSpecs(w, i + 2, c, 'uv tool install');
  if (prog === 'uv' && sub === 'pip' && w[i + 1]?.text === 'install') return pipSpecs(w, i + 2, c, 'uv pip install');
  return [];
}

function pipSpecs(w: ShellWord[], start: number, c: Command, tool: string): PackageRef[] {
  // `--require-hashes` pins every requirement by hash.
  if (w.some((t) => t.text === '--require-hashes')) return [];
  return positionals(w, start, PIP_VALUE_FLAGS).flatMap((word) => {
    const ref = pypiRef(word, c, tool);
    // uv tool install also takes `pkg@1.2.3`.
    if (ref && !ref.version && tool === 'uv tool install' && word.text.includes('@')) {
      const [name, version] = word.text.split('@');
      return [{ ...ref, name, version: isExactVersion(version) ? version : undefined }];
    }
    return ref ? [ref] : [];
  });
}
