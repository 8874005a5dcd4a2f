/**
 * Sharding (src/shard.ts, src/parallel.ts): a large scan is linted in shards, and the result must be exactly the
 * one-model result, whatever the shard size and however files refer to each other across shards.
 */
import path from 'node:path';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { anchorDir, planShards } from '../src/shard.js';
import { lintShards, type ShardResult } from '../src/parallel.js';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import type { Candidate } from '../src/discover.js';
import { walkFiles, writeFiles } from './helpers/project.js';
import { discover } from '../src/discover.js';

describe('anchorDir: the folder a file is linted with', () => {
  it.each([
    ['.devcontainer/devcontainer.json', 'devcontainer', ''],
    ['app/.devcontainer/compose.yaml', 'compose', 'app'],
    ['app/.claude/settings.json', 'claude-settings', 'app'],
    ['app/.mcp.json', 'mcp', 'app'],
    ['app/.claude/.mcp.json', 'mcp', 'app'],
    ['app/codex/config.toml', 'codex-config', 'app'],
    ['a/b/.github/scripts/run.sh', 'shell', 'a/b'],
    ['a/b/docker/Dockerfile', 'dockerfile', 'a/b/docker'],
    ['run.sh', 'shell', ''],
  ] as const)('%s (%s) → "%s"', (rel, kind, dir) => {
    expect(anchorDir(rel, kind)).toBe(dir);
  });
});

describe('planShards', () => {
  const cwd = '/repo';
  const c = (rel: string, kind: Candidate['kind'] = 'shell'): Candidate => ({ abs: path.join(cwd, rel), kind });
  const rels = (shards: Candidate[][]) => shards.map((s) => s.map((x) => path.relative(cwd, x.abs)).sort());

  it('keeps a scan at or under the shard size whole', () => {
    const all = [c('a/x.sh'), c('b/y.sh')];
    expect(planShards(all, cwd, 2)).toEqual([all]);
  });

  it('keeps a project folder with its dot-folders and settings in one shard, and packs small folders together', () => {
    const all = [
      c('p1/.devcontainer/devcontainer.json', 'devcontainer'),
      c('p1/.devcontainer/Dockerfile', 'dockerfile'),
      c('p1/.claude/settings.json', 'claude-settings'),
      c('p1/run.sh'),
      c('p2/run.sh'),
      c('p3/run.sh'),
      c('p3/.mcp.json', 'mcp'),
    ];
    expect(rels(planShards(all, cwd, 4))).toEqual([
      ['p1/.claude/settings.json', 'p1/.devcontainer/Dockerfile', 'p1/.devcontainer/devcontainer.json', 'p1/run.sh'],
      ['p2/run.sh', 'p3/.mcp.json', 'p3/run.sh'],
    ]);
  });

  it('splits a folder too big for one shard into its subfolders, its own files staying together', () => {
    const all = [c('mono/a/1.sh'), c('mono/a/2.sh'), c('mono/b/1.sh'), c('mono/b/2.sh'), c('mono/top.sh'), c('mono/.devcontainer/devcontainer.json', 'devcontainer')];
    expect(rels(planShards(all, cwd, 2))).toEqual([['mono/.devcontainer/devcontainer.json', 'mono/top.sh'], ['mono/a/1.sh', 'mono/a/2.sh'], ['mono/b/1.sh', 'mono/b/2.sh']]);
  });

  it('never splits a scan with managed settings, which apply to every project at once', () => {
    const all = [c('a/x.sh'), c('b/y.sh'), c('etc/managed-settings.json', 'claude-settings')];
    expect(planShards(all, cwd, 1)).toHaveLength(1);
  });

  it('places every file in exactly one shard', () => {
    const all = Array.from({ length: 57 }, (_, i) => c(`g${i % 5}/p${i % 11}/f${i}.sh`));
    const shards = planShards(all, cwd, 6);
    expect(shards.length).toBeGreaterThan(5);
    expect(shards.flat().map((x) => x.abs).sort()).toEqual(all.map((x) => x.abs).sort());
    for (const s of shards) expect(s.length).toBeLessThanOrEqual(6);
  });
});

describe('lintShards merges shards that read a common file', () => {
  const cand = (name: string): Candidate => ({ abs: `/r/${name}`, kind: 'shell' });
  const result = (names: string[]): ShardResult => ({
    findings: names.map((n) => ({ ruleId: 'r', severity: 'warning', message: n, file: n, line: 1, column: 1, endLine: 1, endColumn: 1 })),
    files: names.map((n) => ({ file: n, kind: 'shell' })),
    environments: [],
    sources: new Map(names.map((n) => [n, n])),
    loaded: names.map((n) => `/r/${n}`),
  });

  it('lints a and c together again when a read c, and keeps b as it was', async () => {
    const calls: string[][] = [];
    const out = await lintShards([[cand('a')], [cand('b')], [cand('c')]], {}, 1, async (cs) => {
      const names = cs.map((x) => path.basename(x.abs));
      calls.push(names);
      // Shard a follows a reference to c (as a devcontainer names a compose file in another folder).
      return result(names.includes('a') && !names.includes('c') ? [...names, 'c'] : names);
    });
    expect(calls).toEqual([['a'], ['b'], ['c'], ['a', 'c']]);
    expect(out.files.map((f) => f.file)).toEqual(['a', 'b', 'c']);
    expect(out.findings.map((f) => f.file).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('a sharded run gives the one-model result', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'asl-shard-'));
    // Every fixture case: all kinds, references between files, suppressions, broken files. Plus references
    // across projects, which the shard plan cannot see: a devcontainer naming another project's compose file
    // and a Dockerfile shared by two compose files.
    // (Cases with managed settings are left out: those keep a scan in one shard.)
    const fixtures = path.resolve('fixtures');
    const caseOf = (f: string) => path.join(fixtures, ...path.relative(fixtures, f).split(path.sep).slice(0, 2));
    const managed = walkFiles(fixtures).filter((f) => path.basename(f) === 'managed-settings.json').map(caseOf);
    cpSync(fixtures, dir, { recursive: true, filter: (src) => !managed.some((m) => src === m || src.startsWith(m + path.sep)) });
    writeFiles(dir, {
      'zz-cross/one/.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../../two/compose.yaml", "service": "agent", "remoteUser": "node" }',
      'zz-cross/two/compose.yaml': 'services:\n  agent:\n    build: ../shared\n    privileged: true\n',
      'zz-cross/three/docker-compose.yml': 'services:\n  web:\n    build: ../shared\n',
      'zz-cross/shared/Dockerfile': 'FROM node:20\nRUN npm i -g @anthropic-ai/claude-code\n',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([1, 7, 60])('with %i files per shard', async (shardSize) => {
    const opts = { paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true, today: new Date('2026-11-24') };
    const { candidates } = await discover(['.'], dir);
    expect(planShards(candidates, dir, shardSize).length).toBeGreaterThan(candidates.length / shardSize / 2);
    const whole = await lint({ ...opts, shardSize: 1_000_000 });
    const sharded = await lint({ ...opts, shardSize });
    expect(whole.findings.length).toBeGreaterThan(500);
    expect(JSON.stringify(sharded.findings)).toBe(JSON.stringify(whole.findings));
    expect(sharded.files).toEqual(whole.files);
    expect([...sharded.sources].sort()).toEqual([...whole.sources].sort());
  });
});
