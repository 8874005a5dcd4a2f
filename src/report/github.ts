/**
 * GitHub Actions workflow commands (annotations), one per finding. Escaping follows @actions/core's command.ts;
 * it also stops file content quoted in a message from starting a workflow command of its own.
 */
import type { Finding, Severity } from '../types.js';
import type { LintResult } from '../result.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function formatGithub(result: LintResult): string {
  const lines = result.findings.filter((f) => !f.suppressed).map(annotation);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function annotation(f: Finding): string {
  const props: [string, string | number][] = [
    ['file', f.file],
    ['line', f.line],
    ['endLine', f.endLine],
    ['col', f.column],
    ['endColumn', f.endColumn],
    ['title', f.ruleId],
  ];
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}`;
}

/** `%` first, or the escapes themselves would be escaped again. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
