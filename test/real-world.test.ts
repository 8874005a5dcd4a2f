/**
 * The real-world regression set: real public files (test/real-world/SOURCES.md), each finding reviewed by hand
 * once. A repository's findings must be exactly those reviewed as right (`tp`) or known wrong (`fp`); a known
 * miss (`fn`) that starts firing, a reviewed finding that stops, or a finding nobody reviewed fails here, so every
 * change in behaviour on real files is read before it lands. `node scripts/real-world.mjs` prints precision and
 * recall per rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { walkFiles } from './helpers/project.js';
// @ts-expect-error: a plain ESM script, shared with the command line (no types).
import { loadSet, sourcesText } from '../scripts/real-world.mjs';

interface Entry {
  file: string;
  line: number;
  rule: string;
  level: string;
  verdict: 'tp' | 'fp' | 'fn';
  why: string;
}
interface Repo {
  id: string;
  repo: string;
  dir: string;
  commit: string;
  licence: string;
  files: string[];
  findings: Entry[];
}

const set = loadSet() as Repo[];
const key = (f: { file: string; line: number; rule: string; level: string }) => `${f.file}:${f.line} ${f.rule} ${f.level}`;

it('holds at least 150 files from 60 repositories, each listed with its commit and licence, and SOURCES.md is current', () => {
  expect(set.length).toBeGreaterThanOrEqual(60);
  expect(set.reduce((n, r) => n + r.files.length, 0)).toBeGreaterThanOrEqual(150);
  for (const r of set) {
    expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(r.licence).toMatch(/MIT|Apache-2\.0|BSD|ISC|0BSD|Unlicense|CC0/);
    const onDisk = walkFiles(r.dir).map((f) => path.relative(r.dir, f).split(path.sep).join('/')).sort();
    expect({ repo: r.id, files: onDisk }).toEqual({ repo: r.id, files: [...r.files].sort() });
  }
  expect(readFileSync('test/real-world/SOURCES.md', 'utf8')).toBe(sourcesText(set));
});

describe.each(set.map((r) => [r.id, r] as const))('%s', (_id, repo) => {
  it('gives exactly the reviewed findings', async () => {
    const run = await lint({ paths: ['.'], cwd: repo.dir, config: defaultConfig(repo.dir), inlineSuppressions: false, today: new Date('2026-12-01') });
    const actual = run.findings.map((f) => key({ file: f.file, line: f.line, rule: f.ruleId, level: f.severity })).sort();
    const reported = repo.findings.filter((f) => f.verdict !== 'fn').map(key).sort();
    const missed = new Set(repo.findings.filter((f) => f.verdict === 'fn').map(key));
    expect(actual.filter((k) => missed.has(k))).toEqual([]);
    expect(actual).toEqual(reported);
  });
});
