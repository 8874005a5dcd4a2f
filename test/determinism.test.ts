/**
 * Determinism: the same tree gives byte-identical JSON and SARIF whatever order the file system lists it in and
 * however many threads libuv reads it with.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { walkFiles } from './helpers/project.js';

const CLI = path.resolve('dist/cli.js');
const FIXTURES = path.resolve('fixtures');

let base: string;
let files: [string, Buffer][];
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'asl-det-'));
  // Every fixture (all kinds, references between files, suppressions, broken files) plus some that fail to parse.
  files = walkFiles(FIXTURES).map((abs): [string, Buffer] => [path.relative(FIXTURES, abs), readFileSync(abs)]);
  files.push(['broken/compose.yaml', Buffer.from('services:\n  a: [\n')], ['broken/devcontainer.json', Buffer.from('{ "image": ')], ['broken/x.sh', Buffer.from('#!/bin/sh\nif then fi\n')]);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Writes the tree in the given order: directory entries are created, and so listed, in a different order each time. */
function write(order: [string, Buffer][]): string {
  const dir = mkdtempSync(path.join(base, 't-'));
  for (const [rel, bytes] of order) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  return dir;
}

function run(format: string, cwd: string, threads: number): string {
  const r = spawnSync(process.execPath, [CLI, '-f', format, '--exit-zero', '.'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, UV_THREADPOOL_SIZE: String(threads), NO_COLOR: '1' } });
  expect(r.status).toBe(0);
  return r.stdout;
}

it('gives byte-identical JSON and SARIF for any creation order and thread count', () => {
  const sorted = [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  // Reversed, and interleaved (odd entries first), so neither order matches the other nor the sorted one.
  const a = write([...sorted].reverse());
  const b = write([...sorted.filter((_, i) => i % 2), ...sorted.filter((_, i) => i % 2 === 0)]);
  for (const format of ['json', 'sarif']) {
    const one = run(format, a, 1);
    const four = run(format, b, 4);
    expect(one.length).toBeGreaterThan(1000);
    expect(four === one).toBe(true);
  }
});

it('gives byte-identical JSON and SARIF on worker threads and on one thread (a scan large enough to shard)', async () => {
  const { generateCorpus } = (await import(pathToFileURL(path.resolve('bench/corpus.mjs')).href)) as { generateCorpus: (dir: string, count: number) => unknown };
  const dir = mkdtempSync(path.join(base, 'corpus-'));
  generateCorpus(dir, 1200);
  const cli = (format: string, concurrency: string) => {
    const r = spawnSync(process.execPath, [CLI, '-f', format, '--exit-zero', '--concurrency', concurrency, '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  for (const format of ['json', 'sarif']) {
    const one = cli(format, 'off');
    expect(one.length).toBeGreaterThan(1_000_000);
    expect(cli(format, '3') === one).toBe(true);
  }
});
