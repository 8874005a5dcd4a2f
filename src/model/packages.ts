/**
 * Package specs in commands: what `npx`-like runners fetch and run, and what global and tool installs put on
 * the machine (npm, PyPI, Go, Cargo, RubyGems, Deno), with whether each names one exact version.
 */
import type { ShellWord } from '../parse/shell.js';
import type { Command } from './command.js';
import { basename } from './argv.js';

export type Ecosystem = 'npm' | 'pypi' | 'go' | 'cargo' | 'gem' | 'deno';

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

/** A commit names one tree as surely as a version does (`go install x@3f2a9c1`, `cargo install --git … --rev`). */
const COMMIT = /^[0-9a-f]{7,40}$/;

/** Whether the ref names one exact release (or commit) of its package. */
export function isPinned(p: PackageRef): boolean {
  // pypiRef keeps a version only for `==`/`===`: ranges (`>=1`) come back without one.
  if (p.ecosystem === 'pypi') return p.version !== undefined;
  if (p.ecosystem === 'go' || p.ecosystem === 'cargo') return isExactVersion(p.version) || COMMIT.test(p.version ?? '');
  // RubyGems reads a bare version as `= version`, and its versions need not have three parts (`-v 1.0`).
  if (p.ecosystem === 'gem') return /^\d+(?:\.[0-9A-Za-z]+)*$/.test(p.version ?? '');
  return isExactVersion(p.version);
}

const PIP_TOOLCHAIN = new Set(['pip', 'setuptools', 'wheel']);

/**
 * The installer upgrading itself (`pip install --upgrade pip setuptools wheel`, `npm i -g npm@latest`): the
 * next command uses it to install the real packages, and those are what gets judged.
 */
export function isToolchainSelfUpgrade(p: PackageRef): boolean {
  if (p.ecosystem === 'pypi') return (p.tool === 'pip install' || p.tool === 'uv pip install') && PIP_TOOLCHAIN.has(p.name.toLowerCase());
  if (p.ecosystem === 'npm') return p.tool.split(' ')[0] === p.name;
  return false;
}

/**
 * `${NAME}` / `$NAME` from the Dockerfile's ARG defaults; undefined when something stays unresolved. An empty
 * default (`ARG V=""`) is a value the build passes, like no default: `if [ -n "$V" ]; then npm i -g x@$V` is
 * the pinned branch, not an install of `x@`.
 */
function resolveArgs(text: string, c: Command): string | undefined {
  if (!text.includes('$')) return text;
  const args = new Map((c.dockerfile?.env ?? []).filter((e) => e.keyword === 'ARG' && e.value !== null && e.value !== '').map((e) => [e.name, e.value!]));
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
const NPM_VALUE_FLAGS = new Set(['--registry', '--prefix', '--cache', '--userconfig', '-w', '--workspace', '--omit', '--include', '--location', '-C', '--dir', '--filter', '-F', '--cwd']);
const GO_VALUE_FLAGS = new Set(['-C', '-p', '-tags', '-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-mod', '-modfile', '-overlay', '-pkgdir', '-toolexec', '-buildmode', '-compiler', '-installsuffix', '-pgo', '-covermode', '-coverpkg', '-o']);
const CARGO_VALUE_FLAGS = new Set(['--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '--features', '-F', '--target', '--target-dir', '--profile', '--bin', '--example', '-j', '--jobs', '--config', '-Z', '--color', '--manifest-path', '--install-path', '--pkg-url', '--pkg-fmt', '--bin-dir', '--strategies', '--targets']);
const GEM_VALUE_FLAGS = new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--platform', '-s', '--source', '-g', '--file', '--document', '-P', '--trust-policy', '--build-root', '-p', '--http-proxy', '--config-file']);
const DENO_VALUE_FLAGS = new Set(['-n', '--name', '--root', '-c', '--config', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--env-file', '--unsafely-ignore-certificate-errors']);

const NPM_INSTALL = new Set(['install', 'i', 'add', 'isntall', 'in']);

/** The subcommand after the program's own options (`pnpm --allow-build=x add …`, `pip3 --no-cache-dir install …`). */
function subcommandAt(w: ShellWord[], from: number, valueFlags: Set<string>): number {
  let i = from;
  // `cargo +nightly install`: a toolchain choice, like an option.
  while (i < w.length && /^[-+]/.test(w[i].text)) i += valueFlags.has(w[i].text) ? 2 : 1;
  return i;
}

/**
 * Global installs and tool installs: `npm i -g`, `pnpm add -g`, `yarn global add`, `bun add -g`, `pip install`,
 * `pipx install`, `uv tool install`, `uv pip install`, `go install mod@v`, `cargo install`, `gem install`,
 * `deno install`; and, in an image build, project installs that name packages (`pnpm add x`, `npm install x`):
 * the build runs them afresh each time, with no lockfile entry for what they add.
 */
export function installedPackages(c: Command): PackageRef[] {
  const w = c.words;
  let prog = basename(w[0]?.text ?? '');
  let i = 1;
  // `python3 -m pip install …`
  if (/^python(\d(\.\d+)?)?$/.test(prog) && w[1]?.text === '-m' && /^pip\d?$/.test(w[2]?.text ?? '')) [prog, i] = ['pip', 3];
  const npmLike = prog === 'npm' || prog === 'pnpm' || prog === 'bun' || prog === 'yarn';
  i = subcommandAt(w, i, npmLike ? NPM_VALUE_FLAGS : PIP_VALUE_FLAGS);
  const sub = w[i]?.text;
  const global = w.some((t) => t.text === '-g' || t.text === '--global' || t.text === '--location=global');
  if ((prog === 'npm' && NPM_INSTALL.has(sub ?? '')) || ((prog === 'pnpm' || prog === 'bun') && ['add', 'install', 'i'].includes(sub ?? '')) || (prog === 'yarn' && sub === 'add')) {
    if (!global && (c.context !== 'image-build' || (prog !== 'npm' && sub !== 'add'))) return [];
    return positionals(w, i + 1, NPM_VALUE_FLAGS).flatMap((word) => npmRef(word, c, `${prog} ${sub}${global ? ' -g' : ''}`) ?? []);
  }
  if (prog === 'yarn' && sub === 'global' && w[i + 1]?.text === 'add') {
    return positionals(w, i + 2, NPM_VALUE_FLAGS).flatMap((word) => npmRef(word, c, 'yarn global add') ?? []);
  }
  if (/^pip\d?(\.\d+)?$/.test(prog) && sub === 'install') return pipSpecs(w, i + 1, c, 'pip install');
  if (prog === 'pipx' && sub === 'install') return pipSpecs(w, i + 1, c, 'pipx install');
  if (prog === 'uv' && sub === 'tool' && w[i + 1]?.text === 'install') return pipSpecs(w, i + 2, c, 'uv tool install');
  if (prog === 'uv' && sub === 'pip' && w[i + 1]?.text === 'install') return pipSpecs(w, i + 2, c, 'uv pip install');
  if (prog === 'go' && sub === 'install') return goSpecs(w, i + 1, c);
  if (prog === 'cargo' && (sub === 'install' || sub === 'binstall')) return cargoSpecs(w, i + 1, c, `cargo ${sub}`);
  if (prog === 'gem' && sub === 'install') return gemSpecs(w, i + 1, c);
  if (prog === 'deno' && sub === 'install') return denoSpecs(w, i + 1, c);
  return [];
}

/** A word whose value stays unknown here (`$TOOL@$VERSION` with no ARG default): never judged. */
function unknownRef(word: ShellWord, ecosystem: Ecosystem, tool: string): PackageRef {
  return { word, ecosystem, name: word.text, unknown: true, tool };
}

/**
 * `go install mod@version`. Paths that are not remote modules (`./cmd/x`, `std`, a module-local `app/cmd`) build
 * local code. Without `@version`, Go builds the version the current module's go.mod requires, so that is only
 * unpinned in an image build that has not copied a go.mod (outside a module, old Go fetches the newest commit).
 */
function goSpecs(w: ShellWord[], start: number, c: Command): PackageRef[] {
  const tool = 'go install';
  return positionals(w, start, GO_VALUE_FLAGS).flatMap((word) => {
    const text = resolveArgs(word.text, c);
    if (text === undefined) return [unknownRef(word, 'go', tool)];
    const at = text.indexOf('@');
    const name = at < 0 ? text : text.slice(0, at);
    if (/^[./]/.test(name) || !name.split('/')[0].includes('.')) return [];
    if (at < 0 && (c.context !== 'image-build' || copiesGoModule(c))) return [];
    return [{ word, ecosystem: 'go' as const, name, version: at < 0 ? undefined : text.slice(at + 1), unknown: false, tool }];
  });
}

function copiesGoModule(c: Command): boolean {
  return (c.dockerfile?.copies ?? []).some((cp) => cp.loc.start.line < c.loc.start.line && cp.sources.some((s) => /(?:^|\/)go\.(?:mod|work)$|^\.\/?$|^\*$/.test(s.value)));
}

/** `cargo install crate[@version]` with `--version`; `--git` with `--rev`/`--tag` is pinned; `--path` is local code. */
function cargoSpecs(w: ShellWord[], start: number, c: Command, tool: string): PackageRef[] {
  if (w.some((t) => t.text === '--path' || t.text.startsWith('--path='))) return [];
  const flag = (names: string[]) => optionValues(w.slice(start), names)[0];
  const crates = positionals(w, start, CARGO_VALUE_FLAGS);
  const git = flag(['--git']);
  if (git) {
    const rev = flag(['--rev', '--tag']);
    const version = rev && resolveArgs(rev.text, c);
    if (rev && version === undefined) return [unknownRef(rev, 'cargo', tool)];
    return [{ word: crates[0] ?? git, ecosystem: 'cargo', name: crates[0]?.text ?? git.text, version, unknown: false, tool }];
  }
  const versionFlag = flag(['--version', '--vers']);
  return crates.flatMap((word) => {
    const text = resolveArgs(word.text, c);
    const flagged = versionFlag && resolveArgs(versionFlag.text, c);
    if (text === undefined || (versionFlag && flagged === undefined)) return [unknownRef(word, 'cargo', tool)];
    const at = text.indexOf('@');
    const version = at < 0 ? flagged : text.slice(at + 1);
    return [{ word, ecosystem: 'cargo' as const, name: at < 0 ? text : text.slice(0, at), version: version?.replace(/^=/, ''), unknown: false, tool }];
  });
}

/** `gem install name [-v version]` or `name:version`; a `.gem` file or a path is local. */
function gemSpecs(w: ShellWord[], start: number, c: Command): PackageRef[] {
  const tool = 'gem install';
  if (w.some((t) => t.text === '-g' || t.text === '--file' || t.text.startsWith('--file='))) return [];
  const rest = w.slice(start);
  // `-v 1.2.3`, `--version=1.2.3`, or glued `-v1.2.3`.
  const glued = rest.find((t) => /^-v[^-\s]/.test(t.text));
  const versionFlag = optionValues(rest, ['-v', '--version'])[0] ?? (glued && { ...glued, text: glued.text.slice(2) });
  const args = positionals(w, start, GEM_VALUE_FLAGS);
  // Words after `--` are the gem's build options, not gems.
  const dashes = w.findIndex((t) => t.text === '--');
  return args.filter((word) => dashes < 0 || w.indexOf(word) < dashes).flatMap((word) => {
    const text = resolveArgs(word.text, c);
    const flagged = versionFlag ? resolveArgs(versionFlag.text, c) : undefined;
    if (text === undefined || (versionFlag && flagged === undefined)) return [unknownRef(word, 'gem', tool)];
    if (/^[./~]|\.gem$/.test(text)) return [];
    const colon = text.indexOf(':');
    const version = colon < 0 ? flagged : text.slice(colon + 1);
    return [{ word, ecosystem: 'gem' as const, name: colon < 0 ? text : text.slice(0, colon), version: version?.replace(/^=\s*/, '').trim(), unknown: false, tool }];
  });
}

/** `deno install [-g] jsr:@scope/name@1.2.3/path`, `npm:name@1.2.3`, or a URL with `@version` in it. */
function denoSpecs(w: ShellWord[], start: number, c: Command): PackageRef[] {
  const tool = 'deno install';
  if (w.some((t) => t.text === '--entrypoint' || t.text === '-e')) return [];
  return positionals(w, start, DENO_VALUE_FLAGS).flatMap((word) => {
    const text = resolveArgs(word.text, c);
    if (text === undefined) return [unknownRef(word, 'deno', tool)];
    const spec = /^(jsr:|npm:)(@[^/@]+\/[^/@]+|[^/@]+)(?:@([^/]+))?/.exec(text);
    if (spec) return [{ word, ecosystem: 'deno' as const, name: spec[1] + spec[2], version: spec[3], unknown: false, tool }];
    if (!/^https?:\/\//.test(text)) return [];
    return [{ word, ecosystem: 'deno' as const, name: text, version: /@(v?\d[^/]*)\//.exec(text)?.[1], unknown: false, tool }];
  });
}

/** How to pin the package, for messages. */
export function pinHint(p: PackageRef): string {
  switch (p.ecosystem) {
    case 'pypi':
      return `${p.name}==<x.y.z>`;
    case 'go':
      return `${p.name}@v<x.y.z>`;
    case 'gem':
      return `${p.name} -v <x.y.z>`;
    case 'deno':
      return /^https?:/.test(p.name) ? `a URL with @<x.y.z> in it` : `${p.name}@<x.y.z>`;
    default:
      return `${p.name}@<x.y.z>`;
  }
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
