/**
 * Fixes for container launches (cap_drop ALL, no-new-privileges, read-only mounts) in every format that
 * describes one: for each, applying it removes its finding, the file still parses, no other finding appears or
 * disappears, applying again offers nothing, and the rest of the file (comments included) is kept byte for byte.
 * Then --fix / --fix-dry-run end to end, and SARIF `fixes` against the schema.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { applyTextEdits } from '../src/fix/edit.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatJson } from '../src/report/json.js';
import type { Finding } from '../src/types.js';
import { useScratch, type Files } from './helpers/project.js';
import { validateSarif } from './helpers/sarif.js';

const scratch = useScratch('asl-fix-');

/** Rule and message of every unsuppressed finding but the fixed one: what must not change. */
function others(findings: Finding[], fixed: Finding): string[] {
  return findings.filter((f) => !f.suppressed && f !== fixed).map((f) => `${f.ruleId} ${f.file} ${f.message}`).sort();
}

async function roundTrip(files: Files, ruleId: string, file: string) {
  const before = await scratch.lint(files);
  const finding = before.findings.find((f) => f.ruleId === ruleId && f.fix?.file === file);
  if (!finding?.fix) throw new Error(`no ${ruleId} fix for ${file}: ${before.findings.map((f) => `${f.ruleId}@${f.file}`).join(', ')}`);
  const text = String(files[file]);
  const fixedText = applyTextEdits(text, finding.fix.edits);
  const after = await scratch.lint({ ...files, [file]: fixedText });
  const again = after.findings.filter((f) => f.ruleId === ruleId && f.fix?.file === file && f.file === finding.file);
  return { finding, fix: finding.fix, fixedText, before, after, again };
}

async function expectClean(files: Files, ruleId: string, file: string, expected: string, safe = true) {
  const r = await roundTrip(files, ruleId, file);
  expect(r.fixedText).toBe(expected);
  expect(r.fix.safe).toBe(safe);
  expect(r.after.findings.filter((f) => f.ruleId === 'invalid-config')).toEqual([]);
  expect(r.after.findings.some((f) => f.ruleId === ruleId && f.file === r.finding.file && f.message === r.finding.message)).toBe(false);
  expect(r.again).toEqual([]);
  const fixedAfter = r.after.findings.filter((f) => !(f.ruleId === ruleId && f.message === r.finding.message));
  expect(others(fixedAfter, r.finding)).toEqual(others(r.before.findings, r.finding));
  return r;
}

const NON_ROOT_DOCKERFILE = 'FROM node:20@sha256:0000000000000000000000000000000000000000000000000000000000000000\nRUN npm install -g @anthropic-ai/claude-code@2.0.0\nUSER node\n';

describe('cap_drop: [ALL] and no-new-privileges in a compose service', () => {
  const compose = [
    'services:',
    '  agent:   # the agent',
    '    build: .',
    '    # keep this comment',
    '    command: ["claude"]',
    '  db:',
    '    image: postgres:16',
    '',
  ].join('\n');
  const files = { 'compose.yaml': compose, Dockerfile: NON_ROOT_DOCKERFILE };

  test('cap_drop is added as the service’s last key, at its indentation', async () => {
    await expectClean(files, 'cap-drop-all-missing', 'compose.yaml', compose.replace('    command: ["claude"]\n', '    command: ["claude"]\n    cap_drop:\n      - ALL\n'));
  });

  test('security_opt: no-new-privileges:true likewise', async () => {
    await expectClean(files, 'no-new-privileges-missing', 'compose.yaml', compose.replace('    command: ["claude"]\n', '    command: ["claude"]\n    security_opt:\n      - no-new-privileges:true\n'));
  });

  test('an existing list gains the item: flow and block', async () => {
    const flow = compose.replace('    build: .\n', '    build: .\n    cap_drop: [NET_RAW]\n    security_opt:\n      - label:disable\n');
    await expectClean({ ...files, 'compose.yaml': flow }, 'cap-drop-all-missing', 'compose.yaml', flow.replace('[NET_RAW]', '[NET_RAW, ALL]'));
    await expectClean({ ...files, 'compose.yaml': flow }, 'no-new-privileges-missing', 'compose.yaml', flow.replace('      - label:disable\n', '      - label:disable\n      - no-new-privileges:true\n'));
  });

  test('CRLF line ends and a file without a final newline are kept', async () => {
    const crlf = 'services:\r\n  agent:\r\n    build: .\r\n    command: claude';
    await expectClean({ ...files, 'compose.yaml': crlf }, 'cap-drop-all-missing', 'compose.yaml', `${crlf}\r\n    cap_drop:\r\n      - ALL\r\n`);
  });

  test('a root container or one that uses sudo gets a suggestion, not a fix --fix applies', async () => {
    const root = await scratch.lint({ 'compose.yaml': compose, Dockerfile: NON_ROOT_DOCKERFILE.replace('USER node\n', '') });
    const cap = root.findings.find((f) => f.ruleId === 'cap-drop-all-missing')!;
    expect(cap.fix).toMatchObject({ safe: false, caution: expect.stringContaining('it runs as root') });
    const sudo = await scratch.lint({ 'compose.yaml': compose.replace('["claude"]', 'sh -c "sudo /usr/local/bin/init-firewall.sh && claude"'), Dockerfile: NON_ROOT_DOCKERFILE });
    expect(sudo.findings.find((f) => f.ruleId === 'no-new-privileges-missing')!.fix).toMatchObject({ safe: false, caution: expect.stringContaining('sudo /usr/local/bin/init-firewall.sh') });
    expect(sudo.findings.find((f) => f.ruleId === 'cap-drop-all-missing')!.fix).toMatchObject({ safe: false });
  });
});

describe('runArgs in a devcontainer', () => {
  const dc = (runArgs: string) => `{\n    // the agent's box\n    "name": "box",\n    "build": { "dockerfile": "Dockerfile" },${runArgs}\n    "remoteUser": "node"\n}\n`;
  const files = (json: string) => ({ '.devcontainer/devcontainer.json': json, '.devcontainer/Dockerfile': NON_ROOT_DOCKERFILE });

  test('a one-line runArgs stays one line', async () => {
    const json = dc('\n    "runArgs": ["--init"], // why');
    await expectClean(files(json), 'cap-drop-all-missing', '.devcontainer/devcontainer.json', json.replace('["--init"]', '["--init", "--cap-drop=ALL"]'));
  });

  test('a multi-line runArgs gains a line at its items’ indentation', async () => {
    const json = dc('\n    "runArgs": [\n        "--init"\n    ],');
    await expectClean(files(json), 'cap-drop-all-missing', '.devcontainer/devcontainer.json', json.replace('        "--init"\n', '        "--init",\n        "--cap-drop=ALL"\n'));
  });

  test('no runArgs: a new key after the last one, comments kept', async () => {
    const json = dc('');
    await expectClean(files(json), 'cap-drop-all-missing', '.devcontainer/devcontainer.json', json.replace('    "remoteUser": "node"\n', '    "remoteUser": "node",\n    "runArgs": ["--cap-drop=ALL"]\n'));
  });

  test('no-new-privileges goes into securityOpt when the file has one', async () => {
    const json = dc('\n    "securityOpt": ["label=disable"],');
    await expectClean(files(json), 'no-new-privileges-missing', '.devcontainer/devcontainer.json', json.replace('["label=disable"]', '["label=disable", "no-new-privileges"]'));
  });
});

describe('docker run in a script', () => {
  const script = '#!/bin/sh\n# run the agent\nexec docker run --rm -it \\\n  --user 1000:1000 \\\n  -v "$PWD":/work \\\n  -v "$HOME/.gitconfig:/home/node/.gitconfig" \\\n  agent-image:1.0 claude\n';
  const files = { 'run.sh': script };

  test('the flag goes right after `run`', async () => {
    await expectClean(files, 'cap-drop-all-missing', 'run.sh', script.replace('docker run --rm', 'docker run --cap-drop=ALL --rm'));
    await expectClean(files, 'no-new-privileges-missing', 'run.sh', script.replace('docker run --rm', 'docker run --security-opt=no-new-privileges --rm'));
  });

  test('a writable ~/.gitconfig mount becomes read-only inside its quotes', async () => {
    await expectClean(files, 'host-credentials-mount', 'run.sh', script.replace('.gitconfig:/home/node/.gitconfig"', '.gitconfig:/home/node/.gitconfig:ro"'));
  });
});

describe('read-only mounts', () => {
  test('compose short syntax: `:rw` becomes `:ro`; a devcontainer mount string gains `,readonly` (a suggestion for an agent login)', async () => {
    const compose = 'services:\n  agent:\n    image: ghcr.io/acme/claude-box:1.0\n    volumes:\n      - ~/.gitconfig:/home/node/.gitconfig:rw\n';
    await expectClean({ 'compose.yaml': compose }, 'host-credentials-mount', 'compose.yaml', compose.replace(':rw\n', ':ro\n'));
    const json = '{\n  "image": "ghcr.io/acme/claude-box:1.0",\n  "mounts": ["source=${localEnv:HOME}/.claude,target=/home/node/.claude,type=bind"]\n}\n';
    const r = await roundTrip({ '.devcontainer/devcontainer.json': json }, 'host-credentials-mount', '.devcontainer/devcontainer.json');
    expect(r.fixedText).toBe(json.replace('type=bind"', 'type=bind,readonly"'));
    expect(r.fix.safe).toBe(false);
    // Read-only, the login is the documented sign-in (a note), and .claude is no longer a writable host path.
    const level = (fs: Finding[]) => fs.filter((f) => f.ruleId === 'host-credentials-mount').map((f) => f.severity);
    expect([level(r.before.findings), level(r.after.findings)]).toEqual([['warning'], ['note']]);
    const overlay = (fs: Finding[]) => fs.find((f) => f.ruleId === 'host-exec-path-writable')!.message.includes('.vscode, .claude');
    expect([overlay(r.before.findings), overlay(r.after.findings)]).toEqual([true, false]);
  });

  test('a credential store has no fix: the mount must go', async () => {
    const run = await scratch.lint({ 'compose.yaml': 'services:\n  agent:\n    image: ghcr.io/acme/claude-box:1.0\n    volumes:\n      - ~/.aws:/home/node/.aws\n' });
    const f = run.findings.find((x) => x.ruleId === 'host-credentials-mount')!;
    expect(f.severity).toBe('error');
    expect(f.fix).toBeUndefined();
  });
});

describe('privileged: only ever a suggestion', () => {
  test('compose and devcontainer: `true` becomes `false`; docker run: the word goes; each removes its finding and nothing else', async () => {
    const compose = 'services:\n  agent:\n    image: ghcr.io/acme/claude-box:1.0\n    privileged: true   # for dind\n';
    await expectClean({ 'compose.yaml': compose }, 'privileged-container', 'compose.yaml', compose.replace('privileged: true', 'privileged: false'), false);
    const json = '{\n  "image": "ghcr.io/acme/claude-box:1.0",\n  // why\n  "privileged": true\n}\n';
    await expectClean({ '.devcontainer/devcontainer.json': json }, 'privileged-container', '.devcontainer/devcontainer.json', json.replace('"privileged": true', '"privileged": false'), false);
    const script = '#!/bin/sh\ndocker run --rm --privileged -it agent-image:1.0 claude\n';
    await expectClean({ 'run.sh': script }, 'privileged-container', 'run.sh', script.replace('--privileged ', ''), false);
  });

  test('a feature that implies it has no edit', async () => {
    const run = await scratch.lint({ '.devcontainer/devcontainer.json': '{ "image": "ghcr.io/acme/claude-box:1.0", "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} } }' });
    const f = run.findings.find((x) => x.ruleId === 'privileged-container')!;
    expect(f.fix).toBeUndefined();
  });
});

describe('SARIF and JSON fixes', () => {
  test('safe fixes and suggestions are written as SARIF fixes[] (passing the schemas) and as JSON fix', async () => {
    const run = await scratch.lint({ 'run.sh': '#!/bin/sh\ndocker run --rm -it agent-image:1.0 claude\n' });
    const log = JSON.parse(formatSarif(run));
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; fixes?: { description: { text: string }; artifactChanges: { replacements: unknown[] }[] }[] }[];
    const cap = results.find((r) => r.ruleId === 'cap-drop-all-missing')!;
    expect(cap.fixes![0].description.text).toMatch(/^add --cap-drop=ALL to docker run \(a suggestion, not applied by --fix: it runs as root/);
    expect(cap.fixes![0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { charOffset: 20, charLength: 0 }, insertedContent: { text: ' --cap-drop=ALL' } }]);
    const json = JSON.parse(formatJson(run));
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'cap-drop-all-missing').fix).toEqual({
      description: 'add --cap-drop=ALL to docker run',
      safe: false,
      caution: expect.stringContaining('it runs as root'),
      file: 'run.sh',
      edits: [{ offset: 20, length: 0, text: ' --cap-drop=ALL' }],
    });
  });
});

describe('--fix and --fix-dry-run', () => {
  const CLI = path.resolve('dist/cli.js');
  const copy = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asl-fix-cli-'));
    cpSync('examples/risky-agent', path.join(dir, 'risky'), { recursive: true });
    return dir;
  };
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  const snapshot = (dir: string, files: string[]) => files.map((f) => readFileSync(path.join(dir, 'risky', f), 'utf8'));
  const FILES = ['.devcontainer/compose.yaml', '.devcontainer/devcontainer.json', 'run-agent.sh', '.claude/settings.json', '.mcp.json'];

  test('--fix-dry-run prints a unified diff and changes nothing', () => {
    const dir = copy();
    try {
      const before = snapshot(dir, FILES);
      const r = cli(['--fix-dry-run', 'risky'], dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('--- a/risky/run-agent.sh\n+++ b/risky/run-agent.sh\n');
      expect(r.stdout).toContain('-docker run -it --rm \\\n+docker run --security-opt=no-new-privileges -it --rm \\\n');
      expect(r.stdout).toContain('# suggestion, not applied by --fix (cap-drop-all-missing)');
      expect(r.stderr).toMatch(/Nothing was changed\.\n$/);
      expect(snapshot(dir, FILES)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--fix on a copy of the risky example removes every finding with a safe fix, and a second --fix changes nothing', () => {
    const dir = copy();
    try {
      const first = cli(['--fix', '-f', 'json', 'risky'], dir);
      expect(first.stderr).toMatch(/--fix applied \d+ fix(es)? in \d+ files?/);
      const left = JSON.parse(first.stdout).findings as Finding[];
      const dry = cli(['--fix-dry-run', '-f', 'json', 'risky'], dir);
      expect(dry.stderr).toMatch(/--fix would apply 0 fixes/);
      expect(left.some((f) => f.ruleId === 'invalid-config')).toBe(false);
      const after = snapshot(dir, FILES);
      const second = cli(['--fix', 'risky'], dir);
      expect(second.stderr).toContain('--fix applied 0 fixes in 0 files');
      expect(snapshot(dir, FILES)).toEqual(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--fix with --fix-dry-run or a baseline is a usage error', () => {
    expect(cli(['--fix', '--fix-dry-run', '.'], process.cwd()).status).toBe(2);
    expect(cli(['--fix', '--baseline', 'b.json', '.'], process.cwd()).status).toBe(2);
  });
});
