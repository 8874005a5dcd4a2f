/** What the human-readable reports (text, markdown, html) share: grouping, counting, masking secrets, frame windows. */
import type { Finding } from '../types.js';
import type { LintResult } from '../result.js';

/** Findings by file, in report order (findings come sorted by file). */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

/** `1 file`, `2 files`, `2,000 problems`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Every file read, plus any file only known from a finding (one that could not be read). */
export function countFiles(result: LintResult): number {
  return new Set([...result.files.map((f) => f.file), ...result.findings.map((f) => f.file)]).size;
}

/**
 * Findings about a secret mark their region `redact`: frames show its first four characters only, so a log or a
 * page never repeats the secret (the file still holds it, which is the finding). Returns a masked copy.
 */
export function redactLines(lines: readonly string[], findings: readonly Finding[]): string[] {
  const out = [...lines];
  for (const f of findings) {
    if (!f.redact) continue;
    for (let n = f.line; n <= Math.min(f.endLine, out.length); n++) {
      const line = out[n - 1];
      const from = n === f.line ? f.column - 1 + 4 : 0;
      const to = n === f.endLine ? f.endColumn - 1 : line.length;
      if (to > from) out[n - 1] = line.slice(0, from) + '*'.repeat(to - from) + line.slice(to);
    }
  }
  return out;
}

export interface FrameWindow {
  from: number;
  to: number;
}

/** A slice of at most `width` code units of a line that contains the reported column (minified files stay readable). */
export function frameWindow(length: number, column: number, width: number): FrameWindow {
  if (length <= width) return { from: 0, to: length };
  const from = Math.max(0, Math.min(column - width / 2, length - width));
  return { from, to: from + width };
}
