/**
 * The posture of each agent environment: six dimensions judged from the findings in its files, and a grade.
 * A finding counts where its file (and, for a compose service or a `docker run` line, its lines) is a part of the
 * environment; suppressed and baselined findings do not count, as they do not in the report.
 *
 * A dimension is `open` when a finding in it is an error (a door: escape, a credential in reach, no approval) or a
 * warning of a rule that declares `opens` (the dimension's control is missing: unrestricted egress, unpinned code
 * fetched at every start, a host credential handed in); `weak` when another warning is in it (a hardening gap);
 * `closed` otherwise. Notes are listed but do not weaken it, except under the `strict` profile. The grade
 * (README, "Posture"):
 *   F  privilege open (the agent can reach the host), or three or more dimensions open
 *   D  one or two dimensions open
 *   C  none open, three or more weak
 *   B  none open, one or two weak
 *   A  every dimension closed
 */
import type { Finding } from '../types.js';
import { SEVERITY_ORDER } from '../types.js';
import type { Dimension, RuleMeta } from '../rule.js';
import type { Environment } from './environments.js';
import { PROFILES, type Profile } from './profiles.js';
import type { LintResult } from '../result.js';

export type PostureDimension = Exclude<Dimension, 'tooling'>;

/** The six dimensions, in the order reports show them (`tooling` is about the linter's inputs, not the sandbox). */
export const POSTURE_DIMENSIONS: readonly PostureDimension[] = ['privilege', 'filesystem', 'credentials', 'network', 'agent-policy', 'supply-chain'];

export type DimensionState = 'closed' | 'weak' | 'open';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface DimensionPosture {
  dimension: PostureDimension;
  state: DimensionState;
  /** The environment's findings in this dimension, the one that decides the state first. */
  findings: Finding[];
}

export interface EnvironmentPosture {
  environment: Environment;
  grade: Grade;
  dimensions: DimensionPosture[];
  /** Every finding in the environment's parts, in report order. */
  findings: Finding[];
}

/** How JSON and the HTML report refer to a finding: rule, file, line and column (unique once duplicates are merged). */
export function findingId(f: Finding): string {
  // Made once per finding: a 10,000-file report names each finding in its list and again in its environments.
  let id = ids.get(f);
  if (id === undefined) ids.set(f, (id = `${f.ruleId}@${f.file}:${f.line}:${f.column}`));
  return id;
}

const ids = new WeakMap<Finding, string>();

export function judgePostures(environments: Environment[], findings: Finding[], rules: readonly RuleMeta[], profile: Profile): EnvironmentPosture[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const meta = new Map(rules.map((r) => [r.id, r]));
  const order = new Map(findings.map((f, i) => [f, i]));
  return environments.map((environment) => {
    const mine = new Set<Finding>();
    for (const part of environment.parts) {
      for (const f of byFile.get(part.file) ?? []) {
        if (!part.lines || (f.line >= part.lines.from && f.line <= part.lines.to)) mine.add(f);
      }
    }
    // In report order; sorting the few found beats scanning every finding once per environment.
    const own = [...mine].sort((a, b) => order.get(a)! - order.get(b)!);
    const dimensions = POSTURE_DIMENSIONS.map((dimension) => {
      const list = own.filter((f) => meta.get(f.ruleId)?.dimension === dimension).sort((a, b) => worse(a, b, meta));
      return { dimension, state: stateOf(list, meta, profile), findings: list };
    });
    return { environment, grade: grade(dimensions), dimensions, findings: own };
  });
}

/** Worst first: what decides the state (an error, then a warning that opens), then the level, then the rule's security severity. */
function worse(a: Finding, b: Finding, meta: Map<string, RuleMeta>): number {
  const rank = (f: Finding) => SEVERITY_ORDER[f.severity] * 2 + (f.severity === 'warning' && meta.get(f.ruleId)?.opens ? 1 : 0);
  return rank(b) - rank(a) || (meta.get(b.ruleId)?.securitySeverity ?? 0) - (meta.get(a.ruleId)?.securitySeverity ?? 0);
}

function stateOf(findings: Finding[], meta: Map<string, RuleMeta>, profile: Profile): DimensionState {
  if (findings.some((f) => f.severity === 'error' || (f.severity === 'warning' && meta.get(f.ruleId)?.opens))) return 'open';
  if (findings.some((f) => f.severity === 'warning' || (profile.notesWeaken && f.severity === 'note'))) return 'weak';
  return 'closed';
}

export function grade(dimensions: Pick<DimensionPosture, 'dimension' | 'state'>[]): Grade {
  const open = dimensions.filter((d) => d.state === 'open');
  const weak = dimensions.filter((d) => d.state === 'weak').length;
  if (open.length >= 3 || open.some((d) => d.dimension === 'privilege')) return 'F';
  if (open.length > 0) return 'D';
  if (weak >= 3) return 'C';
  if (weak > 0) return 'B';
  return 'A';
}

export const GRADE_ORDER: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3, F: 4 };

/** The run's postures, as every reporter shows them. */
export function resultPostures(result: LintResult): EnvironmentPosture[] {
  return judgePostures(result.environments ?? [], result.findings, result.rules, result.profile ?? PROFILES.default);
}

/** Worst grade first, then by name: the order reports list environments in. */
export function byGrade(postures: EnvironmentPosture[]): EnvironmentPosture[] {
  return [...postures].sort((a, b) => GRADE_ORDER[b.grade] - GRADE_ORDER[a.grade] || (a.environment.name < b.environment.name ? -1 : a.environment.name > b.environment.name ? 1 : 0));
}
