/**
 * `--fix` on the real-world regression set (real public files, test/real-world/): on a copy of each repository
 * with a safe fix, applying the fixes removes exactly the findings they were made for, every file still parses,
 * no finding appears, and a second pass has nothing left to apply. Fixtures prove a fix; these files prove it
 * keeps the files people really write intact.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint, type LintRun } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { applyFixes } from '../src/fix/run.js';
import { walkFiles } from './helpers/project.js';
import type { Finding } from '../src/types.js';
// @ts-expect-error: a plain ESM script, shared with the command line (no types).
import { loadSet } from '../scripts/real-world.mjs';

interface Repo {
  id: string;
  dir: string;
}

const set = loadSet() as Repo[];
let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'asl-rw-fix-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lintAt = (dir: string) => () => lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: false, today: new Date('2026-12-01') });
/** A finding without its place: lines move when a fix inserts one. */
const what = (f: Finding) => `${f.ruleId} ${f.file} ${f.severity} ${f.message}`;

function counts(run: LintRun): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of run.findings) m.set(what(f), (m.get(what(f)) ?? 0) + 1);
  return m;
}

/** The repositories with at least one safe fix, found by one lint of the committed files. */
async function fixable(): Promise<Repo[]> {
  const out: Repo[] = [];
  for (const r of set) if ((await lintAt(r.dir)()).findings.some((f) => f.fix?.safe)) out.push(r);
  return out;
}

it('--fix on every repository of the set with a safe fix: only fixed findings go, none comes, files parse, a second pass does nothing', async () => {
  const repos = await fixable();
  // The set has fixable files of every launch format and of the settings fixes; a shrinking set would hide a regression.
  expect(repos.length).toBeGreaterThanOrEqual(18);
  const problems: string[] = [];
  let applied = 0;
  for (const r of repos) {
    const dir = path.join(root, r.id);
    cpSync(r.dir, dir, { recursive: true });
    const before = await lintAt(dir)();
    const fixed = new Set(before.findings.filter((f) => f.fix?.safe).map(what));
    const outcome = await applyFixes(lintAt(dir), dir);
    applied += outcome.fixes;
    const after = outcome.run;
    if (outcome.reverted.length) problems.push(`${r.id}: a fix broke ${outcome.reverted.join(', ')}`);
    if (after.findings.some((f) => f.ruleId === 'invalid-config' && !before.findings.some((b) => b.ruleId === 'invalid-config' && b.file === f.file))) problems.push(`${r.id}: a fixed file no longer parses`);
    const b = counts(before);
    const a = counts(after);
    for (const [k, n] of a) if (n > (b.get(k) ?? 0)) problems.push(`${r.id}: new finding ${k.slice(0, 160)}`);
    for (const [k, n] of b) if ((a.get(k) ?? 0) < n && !fixed.has(k)) problems.push(`${r.id}: a finding with no safe fix went away: ${k.slice(0, 160)}`);
    if (after.findings.some((f) => f.fix?.safe)) problems.push(`${r.id}: safe fixes left after --fix: ${after.findings.filter((f) => f.fix?.safe).map((f) => f.ruleId).join(', ')}`);
    // Files no fix touched are byte for byte the same.
    for (const abs of walkFiles(r.dir)) {
      const rel = path.relative(r.dir, abs);
      if (!outcome.changed.has(rel.split(path.sep).join('/')) && !readFileSync(path.join(dir, rel)).equals(readFileSync(abs))) problems.push(`${r.id}: ${rel} changed with no fix for it`);
    }
    const again = await applyFixes(lintAt(dir), dir);
    if (again.fixes !== 0) problems.push(`${r.id}: a second --fix applied ${again.fixes} more`);
  }
  expect(problems).toEqual([]);
  expect(applied).toBeGreaterThanOrEqual(25);
}, 180_000);
