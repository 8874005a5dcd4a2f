/** Discovery: what is read, what is skipped, and that nothing outside the scanned tree is followed. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useScratch, writeFiles } from './helpers/project.js';
import { CONTENT_HEAD_BYTES, discover, kindByContent, kindByName } from '../src/discover.js';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';

let root: string;
let outside: string;
beforeAll(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'asl-disc-'));
  root = path.join(base, 'repo');
  outside = path.join(base, 'outside');
  const files: Record<string, string> = {
    'repo/.devcontainer/devcontainer.json': '{ "image": "node:20" }',
    'repo/templates/odd/.devcontainer.json': '{ "image": "node:20" }',
    'repo/docker/docker-compose-ai.yml': 'services:\n  a:\n    image: x:1\n',
    'repo/docker-compose.override.yml': 'services:\n  a:\n    privileged: true\n',
    'repo/compose-notes.yaml': 'title: not a compose file\n',
    'repo/Dockerfile': 'FROM node:20\n',
    'repo/Dockerfile.dev': 'FROM node:20\n',
    'repo/build/agent.Dockerfile': 'FROM node:20\n',
    'repo/Containerfile': 'FROM node:20\n',
    'repo/lower/dockerfile': 'FROM node:20\n',
    'repo/lower/Compose.YAML': 'services:\n  a:\n    image: x:1\n',
    'repo/lower/SETUP.SH': 'true\n',
    'repo/scripts/run.sh': '#!/bin/sh\ntrue\n',
    'repo/scripts/start-agent': '#!/usr/bin/env bash\ndocker run --privileged x:1\n',
    'repo/scripts/notes': 'just text\n',
    'repo/scripts/tool.py': '#!/usr/bin/env python3\n',
    'repo/.claude/settings.json': '{}',
    'repo/.mcp.json': '{}',
    'repo/dotfiles/codex/config.toml': 'model = "o3"\n',
    'repo/.gitignore': 'ignored/\n',
    'repo/ignored/compose.yaml': 'services:\n  a:\n    privileged: true\n',
    'repo/node_modules/pkg/compose.yaml': 'services:\n  a:\n    privileged: true\n',
    'outside/compose.yaml': 'services:\n  a:\n    privileged: true\n',
    'outside/secret/docker-compose.yml': 'services:\n  a:\n    privileged: true\n',
  };
  writeFiles(base, files);
  symlinkSync(path.join(outside, 'compose.yaml'), path.join(root, 'linked-compose.yaml'));
  symlinkSync(path.join(outside, 'secret'), path.join(root, 'linked-dir'));
});
afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

it('finds every kind by name (in any case, as for named files) and scripts by shebang, and skips ignored, vendored and linked-out files', async () => {
  const { candidates } = await discover(['.'], root);
  const found = candidates.map((c) => `${path.relative(root, c.abs)} ${c.kind}`);
  expect(found).toEqual([
    '.claude/settings.json claude-settings',
    '.devcontainer/devcontainer.json devcontainer',
    '.mcp.json mcp',
    'Containerfile dockerfile',
    'Dockerfile dockerfile',
    'Dockerfile.dev dockerfile',
    'build/agent.Dockerfile dockerfile',
    'compose-notes.yaml compose',
    'docker-compose.override.yml compose',
    'docker/docker-compose-ai.yml compose',
    'dotfiles/codex/config.toml codex-config',
    'lower/Compose.YAML compose',
    'lower/SETUP.SH shell',
    'lower/dockerfile dockerfile',
    'scripts/run.sh shell',
    'scripts/start-agent shell',
    'templates/odd/.devcontainer.json devcontainer',
  ]);
});

it('a compose-named file without services is not a compose file; an explicit file is always read', async () => {
  const run = await lint({ paths: ['.'], cwd: root, config: defaultConfig(root), inlineSuppressions: true });
  expect(run.files.map((f) => f.file)).not.toContain('compose-notes.yaml');
  expect(run.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.file)).toEqual(['docker-compose.override.yml', 'scripts/start-agent']);
  const explicit = await discover(['ignored/compose.yaml'], root);
  expect(explicit.candidates.map((c) => c.kind)).toEqual(['compose']);
});

it('kinds by name', () => {
  expect(kindByName('a/.claude/settings.local.json')).toBe('claude-settings');
  expect(kindByName('etc/managed-settings.json')).toBe('claude-settings');
  expect(kindByName('.codex/config.toml')).toBe('codex-config');
  expect(kindByName('compose.prod.yaml')).toBe('compose');
  expect(kindByName('Dockerfile.agent')).toBe('dockerfile');
  expect(kindByName('setup.zsh')).toBe('shell');
  expect(kindByName('config.toml')).toBeUndefined();
  expect(kindByName('package.json')).toBeUndefined();
});

it('a .gitignore above the scanned folder applies up to the repository top, and none above it is read', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'asl-gi-'));
  try {
    const files: Record<string, string> = {
      '.gitignore': 'repo/\n',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.gitignore': 'sub/generated/\n*.local.yml\n',
      'repo/sub/compose.yaml': 'services:\n  a:\n    image: x:1\n',
      'repo/sub/compose.local.yml': 'services:\n  a:\n    image: x:1\n',
      'repo/sub/generated/compose.yaml': 'services:\n  a:\n    image: x:1\n',
    };
    writeFiles(base, files);
    const { candidates } = await discover(['.'], path.join(base, 'repo/sub'));
    expect(candidates.map((c) => path.relative(base, c.abs))).toEqual(['repo/sub/compose.yaml']);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

describe('a file named on the command line whose name says nothing', () => {
  const scratch = useScratch('asl-named-');
  const named = async (files: Record<string, string | Buffer>, ...names: string[]) => {
    const dir = scratch.project(files);
    const found = await discover(names, dir);
    return {
      dir,
      kinds: found.candidates.map((c) => `${path.relative(dir, c.abs)} ${c.kind}`),
      skipped: found.skipped.map((s) => `${path.relative(dir, s.abs)}: ${s.reason}`),
    };
  };

  it('is identified by its content: compose, Dockerfile, script, devcontainer', async () => {
    const { kinds, skipped } = await named(
      {
        'stack.yml': '# the stack\nversion: "3.8"\nservices:\n  agent:\n    image: node:20\n    privileged: true\n',
        'stack.json': '{ "services": { "agent": { "image": "node:20" } } }',
        'agent.Dockerfile.tmpl': '# syntax=docker/dockerfile:1\n# escape=\\\n\n{{HEADER}}\nARG BASE=node:20\nFROM $BASE\n',
        'Build.template': '\n  from node:20 AS base\n',
        'run-agent': '#!/usr/bin/env -S bash -eu\ndocker run --privileged x:1\n',
        'start': '#!/bin/sh\ntrue\n',
        'ci.jsonc': '// the CI box\n{\n  "image": "node:20", // pinned later\n  "remoteUser": "node",\n}\n',
        'compose-box.json': '{ "dockerComposeFile": ["../compose.yaml"], "service": "agent" }',
      },
      'stack.yml', 'stack.json', 'agent.Dockerfile.tmpl', 'Build.template', 'run-agent', 'start', 'ci.jsonc', 'compose-box.json',
    );
    expect(kinds).toEqual([
      'Build.template dockerfile',
      'agent.Dockerfile.tmpl dockerfile',
      'ci.jsonc devcontainer',
      'compose-box.json devcontainer',
      'run-agent shell',
      'stack.json compose',
      'stack.yml compose',
      'start shell',
    ]);
    expect(skipped).toEqual([]);
  });

  it('is skipped with the reason when its content says nothing either', async () => {
    const { kinds, skipped } = await named(
      {
        'notes.yml': 'title: not a stack\nitems:\n  services: nested, not top-level\n',
        'notes': 'just text\nFROM the top\n',
        'tool': '#!/usr/bin/env python3\nprint(1)\n',
        'package.json': '{ "name": "x", "image": "logo.png", "scripts": { "build": "tsc" } }',
        'agent.Dockerfile.tmpl': '# no FROM yet\nRUN true\nFROM node:20\n',
        'empty': '',
        'blob': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
      },
      'notes.yml', 'notes', 'tool', 'package.json', 'agent.Dockerfile.tmpl', 'empty', 'blob',
    );
    expect(kinds).toEqual([]);
    expect(skipped).toEqual([
      'notes.yml: its first 8 KB have no top-level "services" key, so it is no compose file',
      expect.stringMatching(/^notes: neither its name nor its first lines say it is a file it reads \(compose: a top-level "services" key; Dockerfile: a first instruction FROM or ARG; script: a sh, bash or zsh shebang; devcontainer: /),
      'tool: its shebang runs python3, not sh, bash or zsh',
      expect.stringMatching(/^package\.json: it is a JSON object without the keys of a devcontainer/),
      'agent.Dockerfile.tmpl: its first instruction is not FROM or ARG, so it is no Dockerfile',
      'empty: it is empty',
      'blob: it is binary (it has NUL bytes)',
    ]);
  });

  it('reads only the first 8 KB, and never judges a line the read cut off', async () => {
    const pad = `# ${'x'.repeat(CONTENT_HEAD_BYTES)}\n`;
    // `services:x: 1` is the key `services:x`; cut after `services:`, it would look like a top-level `services`.
    const cut = `${'#'.repeat(CONTENT_HEAD_BYTES - 'services:'.length - 1)}\nservices:x: 1\n`;
    expect(Buffer.byteLength(cut.slice(0, cut.indexOf(':x')) + ':')).toBe(CONTENT_HEAD_BYTES);
    const { kinds, skipped } = await named({ 'late.yml': `${pad}services:\n  a:\n    image: x:1\n`, 'cut.yml': cut }, 'late.yml', 'cut.yml');
    expect(kinds).toEqual([]);
    expect(skipped.map((s) => s.split(':')[0])).toEqual(['late.yml', 'cut.yml']);
  });

  it('a link out of the working directory or a FIFO is skipped and said so, never opened', async () => {
    const dir = scratch.project({ 'x/.keep': '' });
    symlinkSync(path.join(outside, 'compose.yaml'), path.join(dir, 'stack.yml'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe')]).status === 0;
    const found = await discover(['stack.yml', ...(fifo ? ['pipe'] : [])], dir);
    expect(found.candidates).toEqual([]);
    expect(found.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^it is a symbolic link out of .*, and links out are never followed$/),
      ...(fifo ? ['it is not a regular file (a FIFO, socket or device is never opened)'] : []),
    ]);
  });

  it('kindByContent looks at line starts only', () => {
    const kind = (text: string, name = 'x') => {
      const r = kindByContent(Buffer.from(text), name);
      return 'kind' in r ? r.kind : 'skipped';
    };
    expect(kind('services:\n  a: {}\n')).toBe('compose');
    expect(kind('"services" :\n  a: {}\n')).toBe('compose');
    expect(kind('x-common: &c\n  image: a\nservices: {}\n')).toBe('compose');
    expect(kind('  services:\n')).toBe('skipped');
    expect(kind('servicesx: 1\n')).toBe('skipped');
    expect(kind('\ufeff# c\nFROM alpine\n')).toBe('dockerfile');
    expect(kind('#!/bin/zsh\n')).toBe('shell');
    expect(kind('#!/usr/bin/env node\n')).toBe('skipped');
    expect(kind('{ "image": "a", "build": {} }')).toBe('skipped');
    expect(kind('{ "image": "a", "nested": { "features": {} } }')).toBe('skipped');
    expect(kind('{ "build": { "dockerfile": "Dockerfile" }, "features": {} }')).toBe('devcontainer');
  });

  it('is linted end to end: a privileged service in stack.yml is found', async () => {
    const dir = scratch.project({ 'stack.yml': 'services:\n  agent:\n    image: node:20\n    privileged: true\n' });
    const run = await lint({ paths: ['stack.yml'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
    expect(run.files).toEqual([{ file: 'stack.yml', kind: 'compose' }]);
    expect(run.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => `${f.file}:${f.line}`)).toEqual(['stack.yml:4']);
  });
});

describe('a folder named on the command line', () => {
  const scratch = useScratch('asl-named-dir-');
  const COMPOSE = 'services:\n  a:\n    image: x:1\n';

  it('is walked even when a .gitignore above it ignores it (or a folder it is in); the .gitignore files inside it still apply', async () => {
    const base = scratch.project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n/out\n*.local.yml\ncache\n',
      'build/compose.yaml': COMPOSE,
      'build/gen/sub/compose.yaml': COMPOSE,
      'build/gen/sub/compose.local.yml': COMPOSE,
      'build/gen/sub/cache/compose.yaml': COMPOSE,
      'build/gen/.gitignore': 'skip/\n',
      'build/gen/skip/compose.yaml': COMPOSE,
      'out/compose.yaml': COMPOSE,
      'we[ir]d #1/.gitignore': '*.yaml\n',
      'we[ir]d #1/compose.yaml': COMPOSE,
      'we[ir]d #1/compose.yml': COMPOSE,
    });
    const rel = async (...paths: string[]) => (await discover(paths, base)).candidates.map((c) => path.relative(base, c.abs));
    expect(await rel('build')).toEqual(['build/compose.yaml', 'build/gen/sub/compose.yaml']);
    expect(await rel('build/gen/sub')).toEqual(['build/gen/sub/compose.yaml']);
    expect(await rel('out')).toEqual(['out/compose.yaml']);
    expect(await rel('we[ir]d #1')).toEqual(['we[ir]d #1/compose.yml']);
    const top = await discover(['.'], base);
    expect(top.candidates.map((c) => path.relative(base, c.abs))).toEqual(['we[ir]d #1/compose.yml']);
    expect(top.gitignored.map((abs) => path.relative(base, abs))).toEqual([
      'build/compose.yaml',
      'build/gen/skip/compose.yaml',
      'build/gen/sub/cache/compose.yaml',
      'build/gen/sub/compose.local.yml',
      'build/gen/sub/compose.yaml',
      'out/compose.yaml',
      'we[ir]d #1/compose.yaml',
    ]);
  });
});
