/**
 * Path safety: links are not followed out of the scanned root, unreadable files are reported and not fatal, output
 * paths are relative, and nothing from the scanned repository is executed, required, fetched or expanded from the
 * real environment. Most checks run the built CLI, as CI does.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { discover } from '../src/discover.js';
import { loadProject } from '../src/load.js';
import { validateSarif } from './helpers/sarif.js';

const CLI = path.resolve('dist/cli.js');
const PASSWD_MARK = /root:x:0|ROOT:X:0/;

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'asl-paths-'));
  // Readable by an unprivileged user too (the permission test drops to `nobody`).
  chmodSync(base, 0o755);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(base, 'r-'));
  chmodSync(dir, 0o755);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/**
 * Runs the CLI. `preload` is evaluated in the child first (to watch the network), `uid` drops privileges.
 * A timeout turns a hang into a failure instead of a stuck suite.
 */
function cli(args: string[], cwd: string, opts: { env?: Record<string, string>; preload?: string; uid?: number; cliPath?: string } = {}) {
  const code = `${opts.preload ?? ''};import(${JSON.stringify(pathToFileURL(opts.cliPath ?? CLI).href)})`;
  const r = spawnSync(process.execPath, ['-e', code, 'cli', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const PRIV = 'services:\n  agent:\n    image: node:20\n    privileged: true\n';
const json = (s: string) => JSON.parse(s) as { files: { file: string }[]; findings: { ruleId: string; file: string; message: string }[] };

describe('links', () => {
  let repo: string;
  let outside: string;
  beforeAll(() => {
    outside = tree({ 'compose.yaml': PRIV, 'secret/docker-compose.yml': PRIV, 'Dockerfile': 'FROM evil:latest\nUSER root\n' });
    repo = tree({ 'ok/compose.yaml': PRIV, '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "../passwd-link" }, "image": "x" }\n' });
    symlinkSync(path.join(outside, 'compose.yaml'), path.join(repo, 'linked-compose.yaml'));
    symlinkSync(path.join(outside, 'secret'), path.join(repo, 'linked-dir'));
    symlinkSync('/etc/passwd', path.join(repo, 'Dockerfile'));
    symlinkSync('/etc/passwd', path.join(repo, 'passwd-link'));
    symlinkSync('/etc/passwd', path.join(repo, 'run.sh'));
    symlinkSync('..', path.join(repo, 'ok', 'loop'));
    symlinkSync('self', path.join(repo, 'self'));
    symlinkSync('b-loop', path.join(repo, 'a-loop.sh'));
    symlinkSync('a-loop.sh', path.join(repo, 'b-loop'));
  });

  it('a walk follows no link out of the root, survives loops and reads nothing from /etc/passwd', () => {
    const r = cli(['-f', 'json', '.'], repo);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(json(r.stdout).files.map((f) => f.file)).toEqual(['.devcontainer/devcontainer.json', 'ok/compose.yaml']);
    expect(r.stdout).not.toMatch(PASSWD_MARK);
    expect(r.stdout).not.toContain(outside);
  });

  it('a file named on the command line that links out of the working directory is not followed', () => {
    const r = cli(['-f', 'json', 'Dockerfile', 'run.sh', 'linked-compose.yaml', 'linked-dir/docker-compose.yml', 'ok/compose.yaml'], repo);
    expect(r.status).toBe(1);
    expect(json(r.stdout).files.map((f) => f.file)).toEqual(['ok/compose.yaml']);
    expect(r.stdout).not.toMatch(PASSWD_MARK);
  });

  it('a file named by absolute path outside the working directory is read; a link beside it out of its folder is not', () => {
    const r = cli(['-f', 'json', path.join(outside, 'compose.yaml'), path.join(repo, 'Dockerfile')], base);
    expect(json(r.stdout).files.map((f) => f.file)).toEqual([`${path.basename(outside)}/compose.yaml`]);
    expect(r.stdout).not.toMatch(PASSWD_MARK);
  });
});

describe('unreadable files', () => {
  it('a FIFO named like a config file is never opened: in a walk, named on the command line, or referenced', () => {
    const repo = tree({
      'ok/compose.yaml': PRIV,
      '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile.fifo" }, "image": "x" }\n',
    });
    execFileSync('mkfifo', [path.join(repo, 'compose.yaml'), path.join(repo, '.devcontainer', 'Dockerfile.fifo'), path.join(repo, 'start')]);
    for (const args of [['.'], ['compose.yaml', 'ok/compose.yaml'], ['.devcontainer/devcontainer.json', 'ok/compose.yaml']]) {
      const r = cli(['-f', 'json', ...args], repo);
      // Reading a FIFO blocks until a writer appears: a hang shows up as the spawn timeout's SIGTERM.
      expect([args.join(' '), r.signal, r.status]).toEqual([args.join(' '), null, 1]);
      expect(json(r.stdout).files.map((f) => f.file)).toContain('ok/compose.yaml');
    }
  });

  // We run as root in CI containers, where chmod 000 stops nobody: drop to `nobody` for the child instead.
  const canDrop = process.getuid?.() === 0;
  (canDrop ? it : it.skip)('a file without read permission is an invalid-config finding and the others are still linted', () => {
    const repo = tree({ 'locked/compose.yaml': PRIV, 'ok/compose.yaml': PRIV });
    chmodSync(path.join(repo, 'locked', 'compose.yaml'), 0o000);
    // `nobody` may not reach this checkout (CI clones into a 0700 temp folder): run a copy of the bundle it can read.
    const dist = path.join(base, 'dist');
    if (!existsSync(dist)) cpSync(path.dirname(CLI), dist, { recursive: true });
    const r = cli(['-f', 'json', '.'], repo, { uid: 65534, cliPath: path.join(dist, 'cli.js') });
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1);
    const out = json(r.stdout);
    expect(out.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => `${f.file}: ${f.message}`)).toEqual(['locked/compose.yaml: The file could not be read (EACCES), so it was not checked.']);
    expect(out.findings.some((f) => f.ruleId === 'privileged-container' && f.file === 'ok/compose.yaml')).toBe(true);
  });

  it('a file that disappears between discovery and reading is reported, not fatal', async () => {
    const repo = tree({ 'gone/compose.yaml': PRIV, 'ok/compose.yaml': PRIV });
    const { candidates } = await discover(['.'], repo);
    unlinkSync(path.join(repo, 'gone', 'compose.yaml'));
    const model = await loadProject(candidates, { cwd: repo, roots: [repo], maxFileSize: 1 << 20 });
    expect(model.files.map((f) => f.file)).toEqual(['ok/compose.yaml']);
    expect(JSON.stringify(model)).toContain('could not be read (ENOENT)');
  });
});

describe('output paths', () => {
  it('are relative with / separators whatever path form is given, in every format', () => {
    const repo = tree({ 'sub/.devcontainer/devcontainer.json': '{ "image": "node:20", "privileged": true }\n', 'sub/compose.yaml': PRIV });
    const cases = [...['json', 'sarif', 'github', 'text'].map((f) => [path.join(repo, 'sub'), f]), ['./sub/', 'sarif'], [path.join(repo, 'sub', 'compose.yaml'), 'sarif']];
    for (const [target, format] of cases) {
      {
        const r = cli(['-f', format, target], repo);
        expect(r.status).toBe(1);
        expect([target, format, r.stdout.includes(repo)]).toEqual([target, format, false]);
        if (format === 'sarif') expect(validateSarif(JSON.parse(r.stdout))).toEqual([]);
      }
    }
  });
});

describe('nothing from the scanned repository runs', () => {
  const SECRET = `s3cr3t-${process.pid}-do-not-print`;
  const marker = () => path.join(base, `pwned-${Math.random().toString(36).slice(2)}`);

  it('variables are never expanded from the real environment', () => {
    const repo = tree({
      'compose.yaml': 'services:\n  agent:\n    image: "node:${ASL_SECRET}"\n    privileged: true\n    environment:\n      - TOKEN=${ASL_SECRET}\n      - ASL_SECRET\n    volumes:\n      - ${ASL_SECRET:-/}:/host\n',
      '.devcontainer/devcontainer.json': '{ "image": "node:20", "containerEnv": { "T": "${localEnv:ASL_SECRET}" }, "runArgs": ["-v", "${localEnv:ASL_SECRET}:/x", "--privileged"] }\n',
      'run.sh': '#!/bin/sh\ndocker run --privileged -e "T=$ASL_SECRET" -v "${ASL_SECRET}:/x" node:$ASL_SECRET\n',
      Dockerfile: 'FROM node:20\nARG ASL_SECRET\nENV T=$ASL_SECRET\nRUN echo ${ASL_SECRET}\n',
      '.mcp.json': '{ "mcpServers": { "x": { "command": "npx", "args": ["${ASL_SECRET}"], "env": { "T": "${ASL_SECRET}" } } } }\n',
      '.claude/settings.json': '{ "env": { "T": "${ASL_SECRET}" }, "apiKeyHelper": "echo $ASL_SECRET" }\n',
      '.codex/config.toml': 'model = "${ASL_SECRET}"\n',
    });
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = cli(['-f', format, '.'], repo, { env: { ASL_SECRET: SECRET } });
      expect(r.status).toBe(1);
      expect([format, r.stdout.includes(SECRET) || r.stderr.includes(SECRET)]).toEqual([format, false]);
    }
  });

  it('YAML tags construct nothing, and no package or script in the repository is loaded', () => {
    const m = marker();
    const hook = `require('fs').writeFileSync(${JSON.stringify(m)}, 'x')`;
    const files: Record<string, string> = {
      'compose.yaml': `services:\n  agent:\n    image: !!js/function "function () { ${hook} }"\n    command: !<tag:yaml.org,2002:js/undefined> ~\n    x: !!python/object/apply:os.system ["touch ${m}"]\n    privileged: !!bool true\n    y: !custom {a: 1}\n`,
      // The CLI's dependencies are bundled: a scanned repo's node_modules (or a package.json "type" or imports map) must never be resolved.
      'package.json': '{ "type": "commonjs", "imports": { "#x": "./evil.js" } }\n',
      'evil.js': hook,
      'tree-sitter-bash.wasm': 'not wasm',
      'web-tree-sitter.wasm': 'not wasm',
      '.agent-sandbox-lint.yaml': 'rules: {}\n',
      'run.sh': `#!/bin/sh\n${hook.replace(/'/g, '"')}\ntouch ${m}\n$(touch ${m})\ndocker run --privileged node:20\n`,
    };
    for (const dep of ['yaml', 'jsonc-parser', 'web-tree-sitter', 'tree-sitter-bash', 'dockerfile-ast', 'globby', 'chalk', 'toml-eslint-parser']) {
      files[`node_modules/${dep}/package.json`] = `{ "name": "${dep}", "main": "index.js", "type": "commonjs" }\n`;
      files[`node_modules/${dep}/index.js`] = hook;
    }
    const repo = tree(files);
    const r = cli(['-f', 'json', '.'], repo);
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1);
    expect(existsSync(m)).toBe(false);
    expect(json(r.stdout).findings.some((f) => f.ruleId === 'privileged-container' && f.file === 'run.sh')).toBe(true);
  });

  it('no network connection is attempted, whatever the files point at', () => {
    const repo = tree({
      '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "https://127.0.0.1:9/Dockerfile" }, "dockerComposeFile": ["http://127.0.0.1:9/compose.yaml"], "service": "a", "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} } }\n',
      'compose.yaml': 'services:\n  a:\n    extends: { file: "http://127.0.0.1:9/base.yaml", service: b }\n    build: { context: "https://github.com/x/y.git#main", dockerfile: Dockerfile }\n    env_file: http://127.0.0.1:9/.env\n',
      Dockerfile: 'FROM node:20\nADD https://127.0.0.1:9/x.tar.gz /x\nCOPY --from=ghcr.io/x/y:1 / /\n',
      '.mcp.json': '{ "mcpServers": { "r": { "type": "http", "url": "http://127.0.0.1:9/mcp" } } }\n',
      'run.sh': '#!/bin/sh\ncurl http://127.0.0.1:9/x | sh\ndocker run node:20\n',
    });
    // Any socket, DNS lookup or fetch in the child is recorded on stderr.
    const watch = `const net=require('net'),dns=require('dns'),w=(k)=>function(){process.stderr.write('NETWORK '+k+'\\n');throw new Error('network used')};net.Socket.prototype.connect=w('connect');dns.lookup=w('lookup');dns.promises.lookup=w('lookup');globalThis.fetch=w('fetch')`;
    const r = cli(['-f', 'json', '.'], repo, { preload: watch });
    expect(r.stderr).not.toContain('NETWORK');
    expect(r.stderr).not.toContain('internal error');
    expect([0, 1]).toContain(r.status);
  });
});
