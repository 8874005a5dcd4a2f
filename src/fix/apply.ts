/**
 * `--fix` and `--fix-dry-run`: the findings' fixes grouped per file and applied together. Edits that overlap an
 * edit already taken wait for the next pass, made after the files are linted again (as ESLint does), so every
 * fix is judged against the file as it then is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Finding, Fix, TextEdit } from '../types.js';
import { applyTextEdits } from './edit.js';

export interface FileChange {
  file: string;
  before: string;
  after: string;
  fixes: Fix[];
}

export interface FixPlan {
  changes: FileChange[];
  /** Fixes left for a later pass: their edits overlap one taken in this pass. */
  deferred: Fix[];
}

/** The fixes of unsuppressed findings that `pick` keeps, one per distinct edit set, grouped per file. */
export function planFixes(findings: readonly Finding[], sources: ReadonlyMap<string, string>, pick: (fix: Fix) => boolean): FixPlan {
  const byFile = new Map<string, Fix[]>();
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.suppressed || !f.fix || !pick(f.fix)) continue;
    const key = `${f.fix.file}\0${JSON.stringify(f.fix.edits)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byFile.get(f.fix.file) ?? [];
    list.push(f.fix);
    byFile.set(f.fix.file, list);
  }
  const changes: FileChange[] = [];
  const deferred: Fix[] = [];
  for (const [file, fixes] of byFile) {
    const before = sources.get(file);
    if (before === undefined) continue;
    const taken: Fix[] = [];
    const edits: TextEdit[] = [];
    for (const fix of fixes) {
      if (fix.edits.some((e) => e.offset < 0 || e.offset + e.length > before.length)) continue;
      if (fix.edits.some((e) => edits.some((t) => overlaps(e, t)))) {
        deferred.push(fix);
        continue;
      }
      taken.push(fix);
      edits.push(...fix.edits);
    }
    const after = applyTextEdits(before, edits);
    if (after !== before) changes.push({ file, before, after, fixes: taken });
  }
  return { changes, deferred };
}

/** Two edits touch the same text; two insertions at one point do not (both go in). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.length === 0 && b.length === 0) return false;
  if (a.length === 0) return a.offset > b.offset && a.offset < b.offset + b.length;
  if (b.length === 0) return b.offset > a.offset && b.offset < a.offset + a.length;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Writes the changes. A file that changed on disk since it was read is left alone and returned, so a fix is
 * never applied to text it was not made for.
 */
export function writeChanges(changes: readonly FileChange[], cwd: string): { written: FileChange[]; stale: string[] } {
  const written: FileChange[] = [];
  const stale: string[] = [];
  for (const c of changes) {
    const abs = path.resolve(cwd, c.file);
    if (readFileSync(abs, 'utf8') !== c.before) {
      stale.push(c.file);
      continue;
    }
    writeFileSync(abs, c.after);
    written.push(c);
  }
  return { written, stale };
}

/** A unified diff of one change (`a/` and `b/` prefixes, as git writes them), with a header naming its fixes. */
export function unifiedDiff(c: FileChange, heading?: string): string {
  const patch = createTwoFilesPatch(`a/${c.file}`, `b/${c.file}`, c.before, c.after, undefined, undefined, { context: 3 });
  // jsdiff starts with an `Index:`-less `===` line only when given a header; drop its first line for git's layout.
  const body = patch.split('\n').filter((l, i) => !(i === 0 && l.startsWith('==='))).join('\n');
  const head = heading ?? c.fixes.map((f) => `# ${f.description}`).join('\n');
  return `${head}\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}
