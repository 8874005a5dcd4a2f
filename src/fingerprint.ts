/**
 * A finding's identity that survives unrelated edits: rule, file and the offending text (whitespace folded),
 * never the line number. Repeats of the same text in one file are told apart by their order.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

export function offendingText(f: Finding, source: string | undefined): string {
  if (!source) return '';
  const lines = source.split(/\r\n|\n|\r/);
  const first = lines[f.line - 1] ?? '';
  const text =
    f.endLine === f.line && f.endColumn > f.column
      ? first.slice(f.column - 1, f.endColumn - 1)
      : f.endLine > f.line
        ? [first.slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), (lines[f.endLine - 1] ?? '').slice(0, f.endColumn - 1)].join('\n')
        : first;
  return text.replace(/\s+/g, ' ').trim();
}

export function fingerprints(findings: Finding[], sources: Map<string, string>): Map<Finding, string> {
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  for (const f of findings) {
    const hash = createHash('sha256').update(`${f.ruleId}\0${f.file}\0${offendingText(f, sources.get(f.file))}`).digest('hex').slice(0, 32);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    out.set(f, `${hash}:${n}`);
  }
  return out;
}
