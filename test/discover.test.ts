/** Discovery: what is read, what is skipped, and that nothing outside the scanned tree is followed. */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFiles } from './helpers/project.js';
import { discover, kindByName } from '../src/discover.js';
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
