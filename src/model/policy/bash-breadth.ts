/**
 * How far a `Bash(…)` allow rule reaches, judged by where its wildcard is. Claude Code matches the whole
 * command line against the pattern: `*` stands for any text (spaces included), a final `:*` is the legacy
 * prefix form, and `VAR=value` words are part of the command (code.claude.com/docs/en/permissions#bash).
 * A rule is an escape when the wildcard covers the part of the command that chooses the code that runs:
 * the program itself (`* --help`), an interpreter's script or `-c` code (`python:*`, `python -c *`), the
 * package a runner downloads (`npx:*`, `uv run *`), the image and flags of `docker run`, the command
 * `xargs`/`find -exec`/`env`/`sudo` start. A rule that names its tool (`npx eslint:*`, `python -m pytest *`)
 * leaves only that tool's arguments to the wildcard and is not reported.
 */
import { basename } from '../argv.js';
import { parseRunFlags } from '../docker-flags.js';
import { fileStart } from '../../parse/text-index.js';

/** Why the pattern lets the wildcard choose the code, or undefined. */
export function bashPatternEscape(spec: string): string | undefined {
  const { fixed, wild, quoted } = patternWords(spec);
  return wild ? judge(fixed, { depth: 0, quoted }) : undefined;
}

/** The literal words before the first wildcard (a word's literal head counts: `python*` → `python`). */
export function patternWords(spec: string): { fixed: string[]; wild: boolean; quoted: boolean } {
  let s = spec.trim();
  if (s.endsWith(':*')) s = `${s.slice(0, -2)} *`;
  const quoted = insideQuotes(s, s.indexOf('*'));
  const fixed: string[] = [];
  for (const raw of s.split(/\s+/)) {
    // Quotes belong to the shell, not to the program: `powershell -Command '*'` leaves the script to the wildcard.
    const w = raw.replace(/^['"]+/, '');
    const star = w.indexOf('*');
    if (star < 0) {
      const bare = w.replace(/['"]+$/, '');
      if (bare) fixed.push(bare);
      continue;
    }
    if (star > 0) fixed.push(w.slice(0, star));
    return { fixed, wild: true, quoted };
  }
  return { fixed, wild: false, quoted: false };
}

/** Is position `at` inside an open '…' or "…" (so a wildcard there is part of one shell word, such as `-c` code)? */
function insideQuotes(s: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at && i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
  }
  return quote !== undefined;
}

/** How deep the walk is (runners nest), and whether the wildcard sits inside a quoted word. */
interface Walk {
  depth: number;
  quoted: boolean;
}

type Judge = (rest: string[], at: Walk) => string | undefined;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** `words` are the literal words before the wildcard, starting at a program. */
function judge(words: string[], at: Walk): string | undefined {
  if (at.depth > 6) return undefined;
  let i = 0;
  while (i < words.length && ASSIGNMENT.test(words[i])) i++;
  if (i >= words.length) return 'puts the wildcard where the program goes, so it matches any command (`bash -c …` included)';
  const j = own(PROGRAMS, programName(words[i]));
  return j ? j(words.slice(i + 1), { ...at, depth: at.depth + 1 }) : undefined;
}

/** `./venv/bin/python3.12` → `python`, `C:\\…\\pwsh.exe` → `pwsh`. */
function programName(word: string): string {
  const n = basename(word.replace(/\\/g, '/')).replace(/\.exe$/i, '').toLowerCase();
  if (own(PROGRAMS, n)) return n;
  const unversioned = n.replace(/-?[0-9][0-9.]*$/, '');
  return own(PROGRAMS, unversioned) ? unversioned : n;
}

/** A record lookup that never finds `constructor` or `__proto__` (rule text is the user's). */
function own<T>(rec: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

interface InterpreterSpec {
  /** Flags whose value is the code or chooses it (`-c`, `-e`, `-m`, `-f`): a wildcard there is an escape. */
  choosers: string[];
  /** Of the choosers, those whose value is code itself: a wildcard inside the quoted code is an escape too. */
  code?: string[];
  /** Other flags that take a value, so the value is not taken for the script. */
  valueFlags?: string[];
  /** Short-flag clusters that end in a chooser (`bash -lc`). */
  cluster?: RegExp;
  caseless?: boolean;
}

/** An interpreter: the first non-option word is the script; with only options before the wildcard, any code runs. */
function interpreter(name: string, s: InterpreterSpec): Judge {
  const norm = (w: string) => (s.caseless ? w.toLowerCase() : w);
  const choosers = new Set(s.choosers.map(norm));
  const valueFlags = new Set((s.valueFlags ?? []).map(norm));
  const code = new Set((s.code ?? s.choosers.filter((c) => !/^-(?:m|f|-?file)$/i.test(c))).map(norm));
  return (rest, at) => {
    for (let k = 0; k < rest.length; k++) {
      const w = norm(rest[k]);
      if (choosers.has(w) || s.cluster?.test(w)) {
        if (k === rest.length - 1) return `lets the wildcard be the code \`${name} ${rest[k]}\` runs`;
        // `bash -c "npm *"`: the wildcard is inside the code, and `*` matches `; <anything>`.
        return at.quoted && (code.has(w) || s.cluster?.test(w)) ? `puts the wildcard inside the code \`${name} ${rest[k]}\` runs, where it can stand for \`; <any command>\`` : undefined;
      }
      if (w === '--') return k === rest.length - 1 ? `lets the wildcard name the script ${name} runs` : undefined;
      if (w.startsWith('-') || (s.caseless && w.startsWith('/'))) {
        if (valueFlags.has(w)) k++;
        continue;
      }
      return undefined; // A named script or program text: the wildcard covers only its arguments.
    }
    return `lets the wildcard choose the code \`${name}\` runs (inline code, or a script the agent writes)`;
  };
}

interface RunnerSpec {
  valueFlags?: string[];
  /** Flags whose value is shell code (`npx -c '…'`). */
  choosers?: string[];
  /** Positional words before the command (`direnv exec DIR cmd`). */
  skip?: number;
  what: string;
}

/** A runner: the first non-option word is the tool it starts, which is judged in turn (`uv run python *`). */
function runner(name: string, s: RunnerSpec): Judge {
  const valueFlags = new Set(s.valueFlags ?? []);
  const choosers = new Set(s.choosers ?? []);
  return (rest, at) => {
    let skip = s.skip ?? 0;
    for (let k = 0; k < rest.length; k++) {
      const w = rest[k];
      if (choosers.has(w)) return k === rest.length - 1 ? `lets the wildcard be the shell code \`${name} ${w}\` runs` : undefined;
      if (w === '--') continue;
      if (w.startsWith('-')) {
        if (valueFlags.has(w)) k++;
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      return judge(rest.slice(k), at);
    }
    return `lets the wildcard choose ${s.what} \`${name}\` runs`;
  };
}

/** Wildcard anywhere after the program is an escape (root, the network, `-exec`). */
function anyWildcard(reason: string): Judge {
  return () => reason;
}

interface MultiSpec {
  subs: Record<string, Judge>;
  valueFlags?: string[];
  /** Global flags whose value chooses the code (`git -c core.pager=…`, `docker compose -f …`). */
  choosers?: Record<string, string>;
  /** Said when the wildcard stands where the subcommand goes. */
  anySub: string;
}

/** A program with subcommands: broad when the wildcard covers a subcommand that runs code, or that subcommand's code. */
function multi(s: MultiSpec): Judge {
  const valueFlags = new Set(s.valueFlags ?? []);
  return (rest, at) => {
    for (let k = 0; k < rest.length; k++) {
      const w = rest[k];
      const chooser = own(s.choosers ?? {}, w);
      if (chooser) {
        if (k === rest.length - 1) return chooser;
        k++;
        continue;
      }
      // `git --version …` and `docker --help …` print and exit: the rest is never run.
      if (w === '--version' || w === '--help') return undefined;
      if (w.startsWith('-')) {
        if (valueFlags.has(w)) k++;
        continue;
      }
      const sub = own(s.subs, w);
      return sub ? sub(rest.slice(k + 1), at) : undefined;
    }
    return s.anySub;
  };
}

const DOCKER_RUN_ESCAPE = 'lets the wildcard choose the image and the flags (`--privileged`, `-v /:/host`, `--pid host`), which is root on the host';

/** `docker run [flags] IMAGE …`: an escape until the image is named (flags cannot follow it). */
const dockerRun: Judge = (rest) => {
  const loc = fileStart('rule');
  const parsed = parseRunFlags(rest.map((text) => ({ text, loc, dynamic: false })));
  return parsed.image ? undefined : DOCKER_RUN_ESCAPE;
};

/** `docker exec [flags] CONTAINER CMD`: the command is the code. */
const dockerExec = runner('docker exec', { valueFlags: ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys'], skip: 1, what: 'the command' });

const COMPOSE: Judge = multi({
  valueFlags: ['-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel'],
  choosers: { '-f': 'lets the wildcard name the compose file, whose services can be privileged and mount the host', '--file': 'lets the wildcard name the compose file, whose services can be privileged and mount the host' },
  anySub: 'covers `docker compose -f <any file> up` and `docker compose run`, so any container with any mounts runs',
  subs: {
    run: anyWildcard('lets the wildcard choose the command and flags (`-v /:/host`) of a service container'),
    exec: anyWildcard('lets the wildcard be the command run inside a service container'),
  },
});

const DOCKER_SUBS: Record<string, Judge> = {
  run: dockerRun,
  create: dockerRun,
  exec: dockerExec,
  compose: COMPOSE,
  container: multi({ anySub: DOCKER_RUN_ESCAPE, subs: { run: dockerRun, create: dockerRun, exec: dockerExec } }),
};
const DOCKER = multi({
  valueFlags: ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level'],
  anySub: 'covers `docker run --privileged -v /:/host …`, which is root on the host',
  subs: DOCKER_SUBS,
});

const NPX = runner('npx', { valueFlags: ['-p', '--package', '--cache', '--registry'], choosers: ['-c', '--call'], what: 'the package (any package on the registry)' });
const UV_RUN = runner('uv run', { valueFlags: ['--with', '--from', '--python', '-p', '--project', '--directory', '--package', '--env-file', '--group', '--extra', '--index', '--index-url'], choosers: [], what: 'the script or tool' });
const UVX = runner('uvx', { valueFlags: ['--with', '--from', '--python', '-p', '--index', '--index-url'], what: 'the package (any package on PyPI)' });
const env = (name: string) => runner(name, { what: 'the program' });
const NETWORK = anyWildcard('lets the wildcard choose the host and the data, so anything can be sent anywhere');
const ROOT = anyWildcard('runs as root with a wildcard in the command, which is root on the machine');

const SHELL: InterpreterSpec = { choosers: ['-c'], valueFlags: ['-o', '+o', '-O', '+O'], cluster: /^-[a-z]*c$/ };

const PROGRAMS: Record<string, Judge> = {
  // Shells and interpreters.
  ...Object.fromEntries(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'csh', 'tcsh', 'mksh'].map((n) => [n, interpreter(n, SHELL)])),
  python: interpreter('python', { choosers: ['-c', '-m'], valueFlags: ['-W', '-X'] }),
  pypy: interpreter('pypy', { choosers: ['-c', '-m'], valueFlags: ['-W', '-X'] }),
  ipython: interpreter('ipython', { choosers: ['-c', '-m'] }),
  node: interpreter('node', { choosers: ['-e', '--eval', '-p', '--print'], valueFlags: ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions'] }),
  nodejs: interpreter('node', { choosers: ['-e', '--eval', '-p', '--print'], valueFlags: ['-r', '--require', '--import'] }),
  'ts-node': interpreter('ts-node', { choosers: ['-e', '--eval', '-p', '--print'], valueFlags: ['-r', '--require', '-P', '--project'] }),
  tsx: interpreter('tsx', { choosers: ['-e', '--eval', '-p', '--print'], valueFlags: ['--tsconfig'] }),
  perl: interpreter('perl', { choosers: ['-e', '-E'], valueFlags: ['-I', '-M', '-m'] }),
  ruby: interpreter('ruby', { choosers: ['-e'], valueFlags: ['-I', '-r'] }),
  irb: interpreter('irb', { choosers: [] }),
  php: interpreter('php', { choosers: ['-r', '-f', '-B', '-R', '-E'], valueFlags: ['-d', '-c', '-z'] }),
  lua: interpreter('lua', { choosers: ['-e'], valueFlags: ['-l'] }),
  luajit: interpreter('luajit', { choosers: ['-e'], valueFlags: ['-l'] }),
  rscript: interpreter('Rscript', { choosers: ['-e'] }),
  julia: interpreter('julia', { choosers: ['-e', '--eval', '-E', '--print'] }),
  tclsh: interpreter('tclsh', { choosers: [] }),
  osascript: interpreter('osascript', { choosers: ['-e'], valueFlags: ['-l'] }),
  awk: interpreter('awk', { choosers: ['-f'], valueFlags: ['-F', '-v'] }),
  gawk: interpreter('gawk', { choosers: ['-f', '-e', '--source'], valueFlags: ['-F', '-v'] }),
  mawk: interpreter('mawk', { choosers: ['-f'], valueFlags: ['-F', '-v'] }),
  nawk: interpreter('nawk', { choosers: ['-f'], valueFlags: ['-F', '-v'] }),
  pwsh: interpreter('pwsh', { choosers: ['-command', '-c', '-encodedcommand', '-e', '-ec', '-file', '-f'], valueFlags: ['-executionpolicy', '-ep', '-workingdirectory', '-wd'], caseless: true }),
  powershell: interpreter('powershell', { choosers: ['-command', '-c', '-encodedcommand', '-e', '-ec', '-file', '-f'], valueFlags: ['-executionpolicy', '-ep'], caseless: true }),
  cmd: interpreter('cmd', { choosers: ['/c', '/k'], caseless: true }),
  deno: multi({
    anySub: 'covers `deno eval` and `deno run <any script or URL>`',
    subs: {
      eval: interpreter('deno eval', { choosers: [] }),
      run: interpreter('deno run', { choosers: [], valueFlags: ['--config', '-c', '--import-map', '--env-file'] }),
      x: runner('deno x', { what: 'the package' }),
    },
  }),
  bun: multi({
    choosers: { '-e': 'lets the wildcard be the code `bun -e` runs', '--eval': 'lets the wildcard be the code `bun --eval` runs' },
    anySub: 'covers `bun x <any package>`, `bun -e <code>` and `bun run <any script>`',
    subs: { x: runner('bun x', { what: 'the package (any package on the registry)' }), exec: interpreter('bun exec', { choosers: [] }), run: interpreter('bun run', { choosers: [] }) },
  }),
  // Package runners.
  npx: NPX,
  bunx: runner('bunx', { valueFlags: ['-p', '--package'], what: 'the package (any package on the registry)' }),
  pnpx: NPX,
  uvx: UVX,
  npm: multi({
    valueFlags: ['-w', '--workspace', '--prefix', '-C'],
    anySub: 'covers `npm exec <any package>`, which downloads and runs it',
    subs: { exec: NPX, x: NPX },
  }),
  pnpm: multi({
    valueFlags: ['-C', '--dir', '-F', '--filter', '-w', '--workspace'],
    anySub: 'covers `pnpm dlx <any package>` and `pnpm exec <any command>`',
    subs: { dlx: runner('pnpm dlx', { valueFlags: ['--package'], what: 'the package (any package on the registry)' }), exec: runner('pnpm exec', { what: 'the command' }) },
  }),
  yarn: multi({
    anySub: 'covers `yarn dlx <any package>` and `yarn exec <any command>`',
    subs: { dlx: runner('yarn dlx', { valueFlags: ['-p', '--package'], what: 'the package (any package on the registry)' }), exec: runner('yarn exec', { what: 'the command' }) },
  }),
  uv: multi({
    valueFlags: ['--directory', '--project', '--python', '-p', '--config-file', '--cache-dir'],
    anySub: 'covers `uv run <any script or command>`',
    subs: { run: UV_RUN, tool: multi({ anySub: 'covers `uv tool run <any package>`', subs: { run: UVX } }) },
  }),
  pipx: multi({ anySub: 'covers `pipx run <any package>`', subs: { run: runner('pipx run', { valueFlags: ['--spec', '--python', '--pip-args'], what: 'the package (any package on PyPI)' }) } }),
  ...Object.fromEntries(['poetry', 'pdm', 'hatch', 'rye', 'pixi'].map((n) => [n, multi({ anySub: `covers \`${n} run <any command>\``, subs: { run: runner(`${n} run`, { what: 'the command' }) } })])),
  ...Object.fromEntries(['conda', 'mamba', 'micromamba'].map((n) => [n, multi({ anySub: `covers \`${n} run <any command>\``, subs: { run: runner(`${n} run`, { valueFlags: ['-n', '--name', '-p', '--prefix', '--cwd'], what: 'the command' }) } })])),
  go: multi({ anySub: 'covers `go run <any file or module>`', subs: { run: runner('go run', { valueFlags: ['-C', '-exec', '-tags', '-ldflags', '-gcflags'], what: 'the file or module' }) } }),
  devbox: multi({ anySub: 'covers `devbox run <any command>`', subs: { run: runner('devbox run', { what: 'the command' }) } }),
  direnv: multi({ anySub: 'covers `direnv exec <dir> <any command>`', subs: { exec: runner('direnv exec', { skip: 1, what: 'the command' }) } }),
  mise: multi({ anySub: 'covers `mise exec -- <any command>`', subs: { exec: miseExec, x: miseExec } }),
  nix: multi({ anySub: 'covers `nix run <any package>`', subs: { run: runner('nix run', { what: 'the package' }) } }),
  // Engines and clusters.
  docker: DOCKER,
  podman: DOCKER,
  nerdctl: DOCKER,
  'docker-compose': COMPOSE,
  'podman-compose': COMPOSE,
  kubectl: multi({
    valueFlags: ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server'],
    anySub: 'covers `kubectl exec`, `kubectl run` and `kubectl apply`, which run any code in the cluster',
    subs: Object.fromEntries(['exec', 'run', 'debug', 'attach', 'apply', 'create', 'replace', 'patch', 'cp'].map((s) => [s, anyWildcard(`lets the wildcard choose what \`kubectl ${s}\` runs or changes in the cluster`)])),
  }),
  // git runs configured commands (core.pager, core.fsmonitor, aliases) of its own accord.
  git: multi({
    valueFlags: ['-C', '--git-dir', '--work-tree', '--namespace'],
    choosers: { '-c': 'lets the wildcard set `-c core.pager=<command>` (or an alias), which runs any command', '--exec-path': 'lets the wildcard choose the directory git runs its helpers from' },
    anySub: 'covers `git -c core.pager=<command>` and `git config alias.x "!<command>"`, which run any command',
    subs: {
      config: gitConfig,
      submodule: multi({ anySub: 'covers `git submodule foreach <any command>`', subs: { foreach: anyWildcard('lets the wildcard be the command `git submodule foreach` runs') } }),
    },
  }),
  // Commands that run another command.
  env: runner('env', { valueFlags: ['-u', '--unset', '-C', '--chdir'], choosers: ['-S', '--split-string'], what: 'the program' }),
  xargs: runner('xargs', { valueFlags: ['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-E', '-e', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace'], what: 'the command' }),
  exec: env('exec'),
  // `command -v x` only looks a name up.
  command: (rest, at) => (rest.some((w) => w === '-v' || w === '-V') ? undefined : env('command')(rest, at)),
  builtin: env('builtin'),
  nohup: env('nohup'),
  time: env('time'),
  setsid: env('setsid'),
  nice: runner('nice', { valueFlags: ['-n', '--adjustment'], what: 'the program' }),
  stdbuf: env('stdbuf'),
  timeout: runner('timeout', { valueFlags: ['-s', '--signal', '-k', '--kill-after'], skip: 1, what: 'the program' }),
  watch: runner('watch', { valueFlags: ['-n', '--interval', '-d'], what: 'the command' }),
  chroot: runner('chroot', { skip: 1, what: 'the program' }),
  flock: runner('flock', { valueFlags: ['-w', '--timeout', '-E'], choosers: ['-c', '--command'], skip: 1, what: 'the command' }),
  strace: runner('strace', { valueFlags: ['-e', '-o', '-p', '-s', '-u'], what: 'the program' }),
  script: runner('script', { choosers: ['-c', '--command'], what: 'the command' }),
  eval: anyWildcard('lets the wildcard be shell code that `eval` runs'),
  source: anyWildcard('runs any shell file the agent can write (`source` executes it in the shell)'),
  '.': anyWildcard('runs any shell file the agent can write (`.` executes it in the shell)'),
  find: anyWildcard('lets the wildcard add `-exec <any command>` (`*` matches spaces too)'),
  // Editors run shell commands (`vim -c '!cmd'`), GNU sed has an `e` command, make takes `-f` and `SHELL=`.
  ...Object.fromEntries(['vim', 'vi', 'nvim', 'ex', 'view', 'emacs'].map((n) => [n, anyWildcard(`lets the wildcard add \`${n === 'emacs' ? '--eval' : '-c'} <command>\`, which runs any shell command`)])),
  sed: anyWildcard('lets the wildcard add a GNU sed `e` command (or `s///e`), which runs any shell command'),
  make: anyWildcard('lets the wildcard pass `-f <any makefile>` or `SHELL=<any program>`, which runs any command'),
  ...Object.fromEntries(['ansible', 'ansible-playbook'].map((n) => [n, anyWildcard(`lets the wildcard pick \`${n === 'ansible' ? '-m shell -a <any command>' : '<any playbook>'}\`, which runs any command on the inventory's hosts`)])),
  // Privilege.
  sudo: ROOT,
  doas: ROOT,
  su: ROOT,
  pkexec: ROOT,
  run0: ROOT,
  // The network.
  ...Object.fromEntries(['curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'ssh', 'scp', 'sftp', 'telnet'].map((n) => [n, NETWORK])),
};

/** `git config --get x` reads; any other `git config` with a wildcard can set a key that runs a command. */
function gitConfig(rest: string[]): string | undefined {
  const reads = new Set(['--get', '--get-all', '--get-regexp', '--get-urlmatch', '--list', '-l', 'get', 'list']);
  if (rest.some((w) => reads.has(w))) return undefined; // git refuses a second action ("only one action at a time").
  return 'lets the wildcard set `core.fsmonitor`, `core.pager` or an alias, which the next git command runs';
}

/** `mise exec tool@version -- <command>`: the command follows `--`. */
function miseExec(rest: string[], at: Walk): string | undefined {
  const dash = rest.indexOf('--');
  if (dash < 0) return 'lets the wildcard be the command `mise exec` runs';
  return judge(rest.slice(dash + 1), at) ?? (dash === rest.length - 1 ? 'lets the wildcard be the command `mise exec` runs' : undefined);
}
