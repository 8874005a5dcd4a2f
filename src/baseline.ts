/**
 * Baselines: record today's findings once (`--write-baseline FILE`), then report only new ones (`--baseline FILE`).
 * A finding is matched by its fingerprint (rule, file and the normalised offending text, see fingerprint.ts), never
 * by its line, so edits that shift lines do not turn known findings into new ones. File paths are taken relative to
 * the baseline file's folder, so the baseline matches whichever folder the linter is run from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprints } from './fingerprint.js';
import { TOOL_NAME } from './meta.js';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** `<sha256 prefix of rule, file, offending text>:<occurrence>`; the one field matching uses. */
  fingerprint: string;
  ruleId: string;
  /** Relative to the baseline file's folder, `/` separators. */
  file: string;
  /** Where the finding was when the baseline was written: for people reading the file, not for matching. */
  line: number;
  message: string;
}

export interface BaselineFile {
  tool: string;
  version: number;
  findings: BaselineEntry[];
}

export interface BaselineSummary {
  /** The baseline file as given on the command line. */
  file: string;
  /** Findings hidden because the baseline records them. */
  hidden: number;
  /** Entries that matched nothing although their file was checked (or no longer exists): fixed or changed. */
  stale: { ruleId: string; file: string; line: number }[];
}

export class BaselineError extends Error {}

interface Inputs {
  findings: Finding[];
  /** File text by display path (relative to cwd), as in LintResult. */
  sources: Map<string, string>;
  /** Display paths of every file read in this run. */
  files: string[];
  cwd: string;
}

/** The path of a display path (relative to cwd) as seen from the baseline's folder. */
function relocate(file: string, cwd: string, baseDir: string): string {
  return path.relative(baseDir, path.resolve(cwd, file)).split(path.sep).join('/');
}

/** Fingerprints of the unsuppressed findings, computed on paths relative to the baseline's folder. */
function fingerprintAll(inputs: Inputs, baseDir: string): { finding: Finding; file: string; fingerprint: string }[] {
  const live = inputs.findings.filter((f) => !f.suppressed);
  const moved = live.map((f) => ({ ...f, file: relocate(f.file, inputs.cwd, baseDir) }));
  const sources = new Map([...inputs.sources].map(([file, text]) => [relocate(file, inputs.cwd, baseDir), text]));
  const prints = fingerprints(moved, sources);
  return live.map((finding, i) => ({ finding, file: moved[i].file, fingerprint: prints.get(moved[i])! }));
}

export function writeBaseline(baselinePath: string, inputs: Inputs): number {
  const abs = path.resolve(inputs.cwd, baselinePath);
  const entries: BaselineEntry[] = fingerprintAll(inputs, path.dirname(abs)).map(({ finding, file, fingerprint }) => ({
    fingerprint,
    ruleId: finding.ruleId,
    file,
    line: finding.line,
    message: finding.message,
  }));
  const data: BaselineFile = { tool: TOOL_NAME, version: BASELINE_VERSION, findings: entries };
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, `${JSON.stringify(data, null, 2)}\n`);
  } catch (e) {
    throw new BaselineError(`cannot write the baseline ${baselinePath} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return entries.length;
}

export function readBaseline(abs: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(code ? `cannot read the baseline ${abs} (${code})` : `the baseline ${abs} is not valid JSON`);
  }
  const d = data as Partial<BaselineFile> | null;
  if (!d || typeof d !== 'object' || d.version !== BASELINE_VERSION || !Array.isArray(d.findings)) {
    throw new BaselineError(`${abs} is not an ${TOOL_NAME} baseline (version ${BASELINE_VERSION}); write one with --write-baseline`);
  }
  for (const e of d.findings) {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.file !== 'string' || typeof e.ruleId !== 'string') {
      throw new BaselineError(`${abs}: every baseline entry needs "fingerprint", "ruleId" and "file"`);
    }
  }
  return d as BaselineFile;
}

/** Removes the findings the baseline records; returns the rest and what happened. */
export function applyBaseline(baselinePath: string, inputs: Inputs): { findings: Finding[]; summary: BaselineSummary } {
  const abs = path.resolve(inputs.cwd, baselinePath);
  const baseDir = path.dirname(abs);
  const baseline = readBaseline(abs);
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const matched = new Set<string>();
  const hidden = new Set<Finding>();
  for (const { finding, fingerprint } of fingerprintAll(inputs, baseDir)) {
    if (known.has(fingerprint)) {
      hidden.add(finding);
      matched.add(fingerprint);
    }
  }
  // Only entries whose file this run looked at can be judged: pre-commit passes a few files at a time.
  const checked = new Set(inputs.files.map((f) => relocate(f, inputs.cwd, baseDir)));
  const stale = baseline.findings
    .filter((e) => !matched.has(e.fingerprint) && (checked.has(e.file) || !existsSync(path.resolve(baseDir, e.file))))
    .map((e) => ({ ruleId: e.ruleId, file: e.file, line: e.line }));
  return { findings: inputs.findings.filter((f) => !hidden.has(f)), summary: { file: baselinePath, hidden: hidden.size, stale } };
}

export function baselineLine(s: BaselineSummary): string {
  const hidden = `${s.hidden} known finding${s.hidden === 1 ? '' : 's'} hidden`;
  const n = s.stale.length;
  const stale = n ? `; ${n} ${n === 1 ? 'entry' : 'entries'} no longer found (fixed or changed: rewrite it with --write-baseline)` : '';
  return `Baseline ${s.file}: ${hidden}${stale}.`;
}

