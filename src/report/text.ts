/** Human-readable report: findings grouped by file, each with a code frame, then a summary (ESLint/hadolint style). */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../types.js';
import type { LintResult } from '../result.js';
import { baselineLine } from '../baseline.js';
import { postureText } from './posture-text.js';
import { countFiles, frameWindow, groupByFile, plural, redactLines, type FrameWindow } from './shared.js';

export interface TextOptions {
  color: boolean;
}

/** Longest slice of a source line shown in a frame; minified JSON would otherwise flood the terminal. */
const MAX_FRAME_WIDTH = 160;

export function formatText(result: LintResult, opts: TextOptions): string {
  // A private instance: colour is the caller's decision (TTY, NO_COLOR, --color), never chalk's global detection.
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const problems = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const blocks = [...groupByFile(problems)].map(([file, findings]) => fileBlock(c, file, findings, result.sources.get(file)));
  const summary = [summaryLine(c, problems, countFiles(result)), ...fixableLine(c, problems), ...suppressedLines(c, suppressed), ...(result.baseline ? [baselineLine(result.baseline)] : [])];
  const posture = postureText(c, result);
  return [...blocks, summary.join('\n'), ...(posture ? [posture] : [])].join('\n\n') + '\n';
}



function fileBlock(c: ChalkInstance, file: string, findings: Finding[], source: string | undefined): string {
  const lines = source === undefined ? undefined : redactLines(source.split(/\r\n|\r|\n/), findings);
  const posWidth = Math.max(...findings.map((f) => position(f).length));
  const sevWidth = Math.max(...findings.map((f) => f.severity.length));
  const entries = findings.map((f) => {
    const head = findingLine(c, f, posWidth, sevWidth);
    const frame = lines ? codeFrame(c, lines, f) : [];
    return [head, ...frame].join('\n');
  });
  // With code frames, a blank line keeps one finding's frame from running into the next finding.
  return c.bold.underline(clean(file)) + '\n' + entries.join(lines ? '\n\n' : '\n');
}

function position(f: Finding): string {
  return `${f.line}:${f.column}`;
}

function findingLine(c: ChalkInstance, f: Finding, posWidth: number, sevWidth: number): string {
  const pos = c.dim(position(f).padEnd(posWidth));
  const sev = paint(c, f.severity, f.severity.padEnd(sevWidth));
  // Continuation lines of a multi-line message are indented so they stay inside this finding.
  const message = clean(f.message).split('\n').join('\n' + ' '.repeat(2 + posWidth + 2 + sevWidth + 2));
  return `  ${pos}  ${sev}  ${message}  ${c.dim(f.ruleId)}`;
}

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  if (severity === 'error') return c.red(text);
  if (severity === 'warning') return c.yellow(text);
  return c.cyan(text);
}

/** The offending line, one line of context above, and a `^~~~` marker under the reported columns. */
function codeFrame(c: ChalkInstance, lines: string[], f: Finding): string[] {
  if (f.line < 1 || f.line > lines.length) return [];
  const first = Math.max(1, f.line - 1);
  const gutterWidth = String(f.line).length;
  const start = Math.max(0, f.column - 1);
  const end = f.endLine === f.line ? Math.max(f.endColumn - 1, start + 1) : Math.max(lines[f.line - 1].length, start + 1);
  const win = frameWindow(lines[f.line - 1].length, start, MAX_FRAME_WIDTH);
  const out: string[] = [];
  for (let n = first; n <= f.line; n++) {
    const mark = n === f.line ? c.red('>') : ' ';
    const w = n === f.line ? win : frameWindow(lines[n - 1].length, start, MAX_FRAME_WIDTH);
    out.push(`  ${mark} ${c.dim(`${String(n).padStart(gutterWidth)} |`)} ${clip(lines[n - 1], w)}`);
  }
  out.push(`    ${c.dim(`${' '.repeat(gutterWidth)} |`)} ${marker(lines[f.line - 1], start, end, win, c, f.severity)}`);
  return out;
}



function clip(line: string, win: FrameWindow): string {
  const body = clean(line.slice(win.from, win.to));
  return (win.from > 0 ? '…' : '') + body + (win.to < line.length ? '…' : '');
}

function marker(line: string, start: number, end: number, win: FrameWindow, c: ChalkInstance, severity: Severity): string {
  const from = Math.min(Math.max(start, win.from), win.to);
  const to = Math.max(Math.min(end, win.to), from + 1);
  // Keep tabs from the source so the marker lines up however wide the terminal renders them.
  const pad = (win.from > 0 ? ' ' : '') + line.slice(win.from, from).replace(/[^\t]/g, ' ');
  return pad + paint(c, severity, '^' + '~'.repeat(to - from - 1));
}

/**
 * Scanned files are untrusted: escape sequences or bidi overrides in a path, message or source line must not
 * reach the terminal. Each is replaced by one visible character so the columns still line up.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}



function summaryLine(c: ChalkInstance, problems: Finding[], fileCount: number): string {
  if (problems.length === 0) return c.green(`No problems found in ${plural(fileCount, 'file')}.`);
  const count = (s: Severity) => problems.filter((f) => f.severity === s).length;
  const errors = count('error');
  const breakdown = `${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')}`;
  const text = `${plural(problems.length, 'problem')} (${breakdown}) in ${plural(fileCount, 'file')}`;
  return c.bold(errors > 0 ? c.red(text) : c.yellow(text));
}

/** As ESLint says it: how many findings `--fix` would fix, and how many more have a fix it only suggests. */
function fixableLine(c: ChalkInstance, problems: Finding[]): string[] {
  const safe = problems.filter((f) => f.fix?.safe).length;
  const suggested = problems.filter((f) => f.fix && !f.fix.safe).length;
  if (safe + suggested === 0) return [];
  const parts = [
    ...(safe ? [`${plural(safe, 'problem')} can be fixed with --fix`] : []),
    ...(suggested ? [`${suggested} more with a suggested fix (${suggested === 1 ? 'it could' : 'they could'} break the environment: see --fix-dry-run)`] : []),
  ];
  return [c.dim(parts.join('; '))];
}

/** Inline suppressions live in files an agent can write, so each one is shown rather than silently dropped. */
function suppressedLines(c: ChalkInstance, suppressed: Finding[]): string[] {
  if (suppressed.length === 0) return [];
  const lines = suppressed.map((f) => {
    const why = f.suppressed ? `${f.suppressed.kind}: ${clean(f.suppressed.reason) || '(no reason)'}` : '';
    return `  ${f.ruleId}  ${clean(f.file)}:${f.line}  ${c.dim(why)}`;
  });
  return [`${suppressed.length} suppressed:`, ...lines];
}
