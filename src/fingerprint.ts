/**
 * A finding's identity that survives unrelated edits: rule, file and the offending text (whitespace folded),
 * never the line number. Repeats of the same text in one file are told apart by their order.
 */
import { createRequire } from 'node:module';
import type { Finding } from './types.js';

/** node:crypto costs ~3 ms to load: only SARIF and baselines need it, so it is loaded on first use. */
let crypto: typeof import('node:crypto') | undefined;
function sha256(text: string): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function offendingText(f: Finding, source: string | undefined, split = splitLines): string {
  if (!source) return '';
  const lines = split(source);
  const first = lines[f.line - 1] ?? '';
  const text =
    f.endLine === f.line && f.endColumn > f.column
      ? first.slice(f.column - 1, f.endColumn - 1)
      : f.endLine > f.line
        ? [first.slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), (lines[f.endLine - 1] ?? '').slice(0, f.endColumn - 1)].join('\n')
        : first;
  return text.replace(/\s+/g, ' ').trim();
}

function splitLines(source: string): string[] {
  return source.split(/\r\n|\n|\r/);
}

export function fingerprints(findings: Finding[], sources: Map<string, string>): Map<Finding, string> {
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  // Findings come sorted by file: each file is split into lines once, not once per finding.
  let last: { source: string; lines: string[] } | undefined;
  const split = (source: string) => (last?.source === source ? last.lines : (last = { source, lines: splitLines(source) }).lines);
  for (const f of findings) {
    const hash = sha256(`${f.ruleId}\0${f.file}\0${offendingText(f, sources.get(f.file), split)}`).slice(0, 32);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    out.set(f, `${hash}:${n}`);
  }
  return out;
}
