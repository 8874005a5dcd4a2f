/** What `--fix` and `--fix-dry-run` do around lint runs: passes, writes, the undo of a fix that broke a file, the diff. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LintRun } from '../lint.js';
import { planFixes, unifiedDiff, writeChanges, type FileChange } from './apply.js';

/** ESLint's limit too: fixes that keep making room for more stop here. */
const MAX_PASSES = 10;

export interface FixOutcome {
  /** The run after the last pass: what is left to report. */
  run: LintRun;
  changed: Map<string, FileChange[]>;
  fixes: number;
  /** Files a fix would have broken (a parse error after it): put back as they were. */
  reverted: string[];
  stale: string[];
}

export async function applyFixes(lintOnce: () => Promise<LintRun>, cwd: string): Promise<FixOutcome> {
  let run = await lintOnce();
  const changed = new Map<string, FileChange[]>();
  const reverted: string[] = [];
  const stale: string[] = [];
  let fixes = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const plan = planFixes(run.findings, run.sources, (f) => f.safe);
    const todo = plan.changes.filter((c) => !reverted.includes(c.file));
    if (todo.length === 0) break;
    const broken = new Set(run.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => f.file));
    const w = writeChanges(todo, cwd);
    stale.push(...w.stale);
    if (w.written.length === 0) break;
    run = await lintOnce();
    // A fix must leave its file readable: one that did not is undone, and the file is linted as it was.
    const now = new Set(run.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => f.file));
    const bad = w.written.filter((c) => now.has(c.file) && !broken.has(c.file));
    for (const c of bad) {
      writeFileSync(path.resolve(cwd, c.file), c.before);
      reverted.push(c.file);
    }
    for (const c of w.written) {
      if (bad.includes(c)) continue;
      changed.set(c.file, [...(changed.get(c.file) ?? []), c]);
      fixes += c.fixes.length;
    }
    if (bad.length) run = await lintOnce();
  }
  return { run, changed, fixes, reverted, stale };
}

/** `--fix-dry-run`: the safe fixes as one diff per file, then each suggestion as its own diff. Nothing is written. */
export function dryRunDiff(run: LintRun): { text: string; safe: number; suggestions: number; deferred: number } {
  const safe = planFixes(run.findings, run.sources, (f) => f.safe);
  const parts = safe.changes.map((c) => unifiedDiff(c));
  const suggestions = run.findings.filter((f) => !f.suppressed && f.fix && !f.fix.safe);
  const seen = new Set<string>();
  let count = 0;
  for (const f of suggestions) {
    const one = planFixes([f], run.sources, () => true).changes[0];
    if (!one) continue;
    const key = `${one.file}\0${one.after}`;
    if (seen.has(key)) continue;
    seen.add(key);
    count++;
    parts.push(unifiedDiff(one, `# suggestion, not applied by --fix (${f.ruleId}): ${f.fix!.description}\n# why: ${f.fix!.caution ?? 'it could break the environment'}`));
  }
  const fixCount = safe.changes.reduce((n, c) => n + c.fixes.length, 0);
  return { text: parts.join('\n'), safe: fixCount, suggestions: count, deferred: safe.deferred.length };
}
