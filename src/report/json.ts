/** Machine-readable report with a fixed shape: scripts can rely on the keys below and nothing else. */
import type { Finding } from '../types.js';
import type { LintResult } from '../result.js';
import { VERSION } from '../meta.js';
import { prettyJson } from './pretty-json.js';
import { findingId, resultPostures, type EnvironmentPosture } from '../posture/posture.js';

interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What `environments[].findings` refer to it by. */
  id: string;
  /** Only on a finding with a mechanical fix: what --fix would change (or, not safe, only suggests). */
  fix?: { description: string; safe: boolean; caution?: string; file: string; edits: { offset: number; length: number; text: string }[] };
}

interface JsonSuppressed extends JsonFinding {
  suppression: { kind: 'inline' | 'config'; reason: string };
}

export function formatJson(result: LintResult): string {
  return [...jsonReport(result)].join('');
}

/** The report in pieces, for writing as it is made (pretty-json.ts). */
export function* jsonReport(result: LintResult): Generator<string> {
  const report = {
    version: VERSION,
    findings: result.findings.filter((f) => !f.suppressed).map(toJsonFinding),
    suppressed: result.findings.flatMap((f) => (f.suppressed ? [toJsonSuppressed(f, f.suppressed)] : [])),
    files: result.files.map(({ file, kind }) => ({ file, kind })),
    // Only when a named file was skipped, so the shape of an ordinary run stays as it was.
    ...(result.skipped?.length ? { skipped: result.skipped.map(({ file, reason }) => ({ file, reason })) } : {}),
    ...(result.baseline && {
      baseline: { file: result.baseline.file, hidden: result.baseline.hidden, stale: result.baseline.stale.length, staleEntries: result.baseline.stale },
    }),
    profile: result.profile?.name ?? 'default',
    environments: resultPostures(result).map(toJsonEnvironment),
  };
  yield* prettyJson(report);
  yield '\n';
}

/** Copies field by field so a property added to Finding later does not leak into the public format unnoticed. */
function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    id: findingId(f),
    ...(f.fix && {
      fix: {
        description: f.fix.description,
        safe: f.fix.safe,
        ...(f.fix.caution !== undefined && { caution: f.fix.caution }),
        file: f.fix.file,
        edits: f.fix.edits.map(({ offset, length, text }) => ({ offset, length, text })),
      },
    }),
  };
}

function toJsonEnvironment(p: EnvironmentPosture) {
  const e = p.environment;
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    why: e.why,
    grade: p.grade,
    parts: e.parts.map((part) => ({ role: part.role, file: part.file, ...(part.lines ? { line: part.lines.from, endLine: part.lines.to } : {}), label: part.label })),
    dimensions: Object.fromEntries(p.dimensions.map((d) => [d.dimension, { state: d.state, findings: d.findings.map(findingId) }])),
    findings: p.findings.map(findingId),
  };
}

function toJsonSuppressed(f: Finding, s: NonNullable<Finding['suppressed']>): JsonSuppressed {
  return { ...toJsonFinding(f), suppression: { kind: s.kind, reason: s.reason } };
}
