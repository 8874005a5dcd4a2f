/** The rule contract: metadata (the single source for docs, SARIF and --list-rules) plus one check function. */
import type { Fix, Loc, Severity } from './types.js';
import type { ProjectModel } from './model/project.js';

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/**
 * What a finding says about the place an agent runs (the posture dimensions of issue 14): escape to the host,
 * host files it reaches, credentials it can read, network egress, the agent's own policy, and what it pulls in.
 * `tooling` is about the linter's own inputs (a file it could not read, a suppression that suppresses nothing).
 */
export type Dimension = 'privilege' | 'filesystem' | 'credentials' | 'network' | 'agent-policy' | 'supply-chain' | 'tooling';

export const DIMENSIONS: readonly Dimension[] = ['privilege', 'filesystem', 'credentials', 'network', 'agent-policy', 'supply-chain', 'tooling'];

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  /** GitHub's 0–10 scale; goes to SARIF `security-severity`. */
  securitySeverity: number;
  precision: Precision;
  /** The posture dimension its findings decide; the single source, like the docs. */
  dimension: Dimension;
  /**
   * Its warnings mean the dimension's control is missing, not only weakened, so they open it as an error does:
   * unrestricted egress, code fetched unpinned at every run, a host credential handed to the agent. Most gaps
   * (no `cap_drop: [ALL]`, a writable root) only weaken it.
   */
  opens?: boolean;
  /** Must include `security`; a CWE as `CWE-<n>` where one fits. */
  tags: string[];
  /** Markdown: why it matters, then a `## How to fix` section with before/after. */
  docs: string;
}

export interface ReportOptions {
  /** Overrides the rule's default level for this one finding (a rule whose risk varies by case). */
  severity?: Severity;
  /** The region holds a secret: code frames mask it. */
  redact?: boolean;
  /** The mechanical change that resolves this finding, when there is one (src/fix/). */
  fix?: Fix;
}

export type Report = (loc: Loc, message: string, options?: ReportOptions) => void;

export interface Rule extends RuleMeta {
  check(model: ProjectModel, report: Report): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
