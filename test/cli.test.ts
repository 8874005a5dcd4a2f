/** End to end: the built binary, as users and CI run it. */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useScratch } from './helpers/project.js';

const CLI = path.resolve('dist/cli.js');

function run(args: string[], cwd = process.cwd(), env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = useScratch('asl-cli-');
const project = scratch.project;

const RISKY = { 'compose.yaml': 'services:\n  agent:\n    image: node:20\n    privileged: true\n' };
const NOTES_ONLY = {
  'compose.yaml': 'services:\n  agent:\n    image: node:20\n    user: "1000"\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n',
};

describe('exit codes', () => {
  it('exits 1 on the bundled risky example and prints its findings', () => {
    const r = run(['examples/risky-agent']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('examples/risky-agent/.devcontainer/compose.yaml');
    expect(r.stdout).toMatch(/9:9\s+error\s+.*docker-socket-mount/);
    expect(r.stdout).toMatch(/\d+ problems \(\d+ errors/);
  });

  it('exits 0 on the hardened example', () => {
    const r = run(['examples/hardened-agent']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Passing the agent's own API key is the documented way, and a note only.
    expect(r.stdout).toMatch(/\(0 errors, 0 warnings, \d+ notes?\)/);
  });

  it('--fail-on decides which level fails the run', () => {
    const dir = project(NOTES_ONLY);
    expect(run([dir]).code).toBe(0);
    expect(run([dir, '--fail-on', 'note']).code).toBe(1);
    const risky = project(RISKY);
    expect(run([risky, '--fail-on', 'error']).code).toBe(1);
    expect(run([risky, '--fail-on', 'none']).code).toBe(0);
    expect(run([risky, '--exit-zero']).code).toBe(0);
  });

  it('exits 2 for a missing path, a bad option and a bad config', () => {
    const missing = run(['no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder: no/such/dir');
    const bad = run(['--format', 'xml', '.']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown --format "xml"');
    expect(run(['--bogus']).code).toBe(2);
    const dir = project({ ...RISKY, '.agent-sandbox-lint.yaml': 'rules:\n  privileged-containers: off\n' });
    const cfg = run([dir]);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain('unknown rule "privileged-containers" (did you mean "privileged-container"?)');
    const scope = run([project({ ...RISKY, '.agent-sandbox-lint.yaml': 'hardening: all-container\n' })]);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('"hardening" must be agent-containers or all-containers (did you mean "all-containers"?)');
  });

  it('hardening: all-containers judges the database beside the agent too', () => {
    const stack = { 'compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n' };
    const ids = (dir: string) => (JSON.parse(run(['-f', 'json', dir]).stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids(project(stack))).not.toContain('cap-drop-all-missing');
    expect(ids(project({ ...stack, '.agent-sandbox-lint.yaml': 'hardening: all-containers\n' }))).toEqual(expect.arrayContaining(['cap-drop-all-missing', 'no-new-privileges-missing']));
  });

  it('--concurrency takes a number, auto or off', () => {
    const dir = project(RISKY);
    for (const v of ['1', '2', 'auto', 'off']) expect(run(['--concurrency', v, dir]).code).toBe(1);
    const bad = run(['--concurrency', '0', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency takes a number of threads, auto or off, not "0"');
  });

  it('a reader that closes the pipe early (| head) is no crash: the exit code still tells the result', async () => {
    // A report far bigger than the pipe's buffer, so writing goes on after the reader has gone.
    const dir = project(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}/compose.yaml`, RISKY['compose.yaml']])));
    const child = spawn(process.execPath, [CLI, '-f', 'json', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('an empty folder is clean', () => {
    const r = run([project({ 'README.md': '# nothing here\n' })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found in 0 files.');
  });
});

describe('formats', () => {
  it('json has the documented shape with relative paths', () => {
    const dir = project(RISKY);
    const r = run(['--format', 'json', '.'], dir);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'findings', 'suppressed', 'files', 'profile', 'environments']);
    expect(out.files).toEqual([{ file: 'compose.yaml', kind: 'compose' }]);
    const priv = out.findings.find((f: { ruleId: string }) => f.ruleId === 'privileged-container');
    expect(priv).toEqual({
      ruleId: 'privileged-container', severity: 'error', message: expect.stringContaining('runs privileged'),
      file: 'compose.yaml', line: 4, column: 17, endLine: 4, endColumn: 21, id: 'privileged-container@compose.yaml:4:17',
      fix: { description: expect.stringContaining('turn privileged off'), safe: false, caution: expect.any(String), file: 'compose.yaml', edits: [{ offset: expect.any(Number), length: 4, text: 'false' }] },
    });
  });

  it('sarif has one run and results, and --output writes the file', () => {
    const dir = project(RISKY);
    const r = run(['--format', 'sarif', '--output', 'out.sarif', '--sarif-category', 'agents', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].automationDetails).toEqual({ id: 'agents/' });
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('privileged-container');
    expect(JSON.stringify(log)).not.toContain(dir);
  });

  it('github writes workflow commands', () => {
    const dir = project(RISKY);
    const r = run(['--format', 'github', '.'], dir);
    expect(r.stdout.split('\n')).toContain(
      '::error file=compose.yaml,line=4,endLine=4,col=17,endColumn=21,title=privileged-container::compose service "agent" runs privileged (privileged: true): every capability and every host device is open to the agent, which can take over the host. Remove it and grant only the capabilities the workload needs.',
    );
  });

  it('text has no colour when piped, colour with --color', () => {
    const dir = project(RISKY);
    expect(run(['.'], dir).stdout).not.toMatch(/\x1b\[/);
    expect(run(['--color', '.'], dir).stdout).toMatch(/\x1b\[/);
  });
});

describe('informational flags', () => {
  it('--version, --help and --list-rules', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--fail-on', '--exit-zero', '--config', '--no-inline-suppressions', '--list-rules']) expect(help.stdout).toContain(flag);
    const list = run(['--list-rules']);
    expect(list.stdout).toMatch(/^privileged-container\s+error\s+Container runs privileged$/m);
    const meta = JSON.parse(run(['--list-rules', '--format', 'json']).stdout);
    expect(meta.find((r: { id: string }) => r.id === 'docker-socket-mount').securitySeverity).toBe(9.5);
  });
});

describe('files and suppressions', () => {
  it('explicit file arguments are linted and referenced files are read', () => {
    const dir = project({
      '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" }, "runArgs": ["--cap-drop=ALL"] }',
      '.devcontainer/Dockerfile': 'FROM node:20\nUSER root\n',
    });
    const r = run(['--format', 'json', '.devcontainer/devcontainer.json'], dir);
    const out = JSON.parse(r.stdout);
    expect(out.files.map((f: { file: string }) => f.file)).toEqual(['.devcontainer/Dockerfile', '.devcontainer/devcontainer.json']);
    expect(out.findings.filter((f: { ruleId: string }) => f.ruleId === 'runs-as-root').map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['.devcontainer/Dockerfile:2']);
  });

  it('--no-inline-suppressions brings suppressed findings back', () => {
    const dir = project({ 'compose.yaml': 'services:\n  agent:\n    image: node:20\n    # agent-sandbox-lint-disable-next-line privileged-container -- test\n    privileged: true\n' });
    expect(run(['--fail-on', 'error', '.'], dir).code).toBe(0);
    const r = run(['--fail-on', 'error', '--no-inline-suppressions', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('privileged-container');
  });

  it('a config ignore needs a reason and stops at its expiry date', () => {
    const base = { ...RISKY };
    const noReason = project({ ...base, '.agent-sandbox-lint.yaml': 'ignores:\n  - rule: privileged-container\n' });
    expect(run([noReason]).stderr).toContain('needs a "reason"');
    const live = project({ ...base, '.agent-sandbox-lint.yaml': 'ignores:\n  - rule: privileged-container\n    reason: lab box\n    expires: 2999-01-01\n' });
    expect(run(['--fail-on', 'error', live]).code).toBe(0);
    const expired = project({ ...base, '.agent-sandbox-lint.yaml': 'ignores:\n  - rule: privileged-container\n    reason: lab box\n    expires: 2020-01-01\n' });
    expect(run(['--fail-on', 'error', expired]).code).toBe(1);
  });
});

describe('discovery never passes silently', () => {
  it('a named file whose name says nothing is linted by its content: stack.yml with a privileged service fails the run', () => {
    const dir = project({ 'stack.yml': RISKY['compose.yaml'] });
    const r = run(['-f', 'json', 'stack.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.files).toEqual([{ file: 'stack.yml', kind: 'compose' }]);
    expect(out.skipped).toBeUndefined();
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('privileged-container');
  });

  it('a named file of no kind is skipped with the reason, on stderr and in the JSON report; the run still exits 0', () => {
    const dir = project({ 'notes.yml': 'title: x\n', 'tool': '#!/usr/bin/env python3\n', 'compose.yaml': 'name: no services\n', 'run.sh': 'true\n' });
    const r = run(['-f', 'json', 'notes.yml', 'tool', 'compose.yaml', 'run.sh'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      'agent-sandbox-lint: skipped notes.yml: its first 8 KB have no top-level "services" key, so it is no compose file',
      'agent-sandbox-lint: skipped tool: its shebang runs python3, not sh, bash or zsh',
      'agent-sandbox-lint: skipped compose.yaml: its top level has no "services" mapping, so it is no compose file',
      '',
    ]);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'findings', 'suppressed', 'files', 'skipped', 'profile', 'environments']);
    expect(out.files).toEqual([{ file: 'run.sh', kind: 'shell' }]);
    expect(out.skipped).toEqual([
      { file: 'notes.yml', reason: 'its first 8 KB have no top-level "services" key, so it is no compose file' },
      { file: 'tool', reason: 'its shebang runs python3, not sh, bash or zsh' },
      { file: 'compose.yaml', reason: 'its top level has no "services" mapping, so it is no compose file' },
    ]);
  });

  it('a run that lints nothing says why on stderr and exits 0', () => {
    const empty = run([project({ 'README.md': '# nothing here\n' })]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toMatch(/^agent-sandbox-lint: no file was linted:\n {2}- nothing of a kind it reads in \S+ \(devcontainer\.json, compose files, Dockerfiles/);
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n',
      'generated/compose.yaml': RISKY['compose.yaml'],
      'vendor/Dockerfile': 'FROM node:20\n',
      '.agent-sandbox-lint.yaml': 'ignorePaths:\n  - vendor/**\n',
      'notes': 'plain text\n',
    });
    const r = run(['.', 'notes'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found in 0 files.');
    expect(r.stderr).toBe(
      'agent-sandbox-lint: skipped notes: neither its name nor its first lines say it is a file it reads (compose: a top-level "services" key; Dockerfile: a first instruction FROM or ARG; script: a sh, bash or zsh shebang; devcontainer: a JSON object with "image", "build" or "dockerComposeFile")\n' +
        'agent-sandbox-lint: no file was linted:\n' +
        '  - 1 file is of a kind it reads but ignored by .gitignore: generated/compose.yaml (name a file on the command line to lint it anyway)\n' +
        '  - 1 file matches ignorePaths in .agent-sandbox-lint.yaml: vendor/Dockerfile\n' +
        '  - skipped, as said above: notes\n',
    );
  });

  it('a named folder that a .gitignore above it ignores is scanned', () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'generated/\n', 'generated/compose.yaml': RISKY['compose.yaml'] });
    expect(run(['generated'], dir).code).toBe(1);
    expect(run(['.'], dir).code).toBe(0);
  });

  it('--help says how files are identified and that others are skipped', () => {
    const help = run(['--help']).stdout;
    expect(help).toContain('or else its first 8 KB, say its kind');
    expect(help).toContain('any other is reported as skipped, with the reason');
    expect(help).toContain('even if a .gitignore above it ignores it');
  });
});
