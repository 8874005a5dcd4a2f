/** What one run produced: the input every reporter formats. */
import type { FileKind, Finding } from './types.js';
import type { RuleMeta } from './rule.js';
import type { BaselineSummary } from './baseline.js';
import type { Environment } from './posture/environments.js';
import type { Profile } from './posture/profiles.js';

export interface LintResult {
  /** Sorted by file, line, column, rule. Suppressed findings are included, with `suppressed` set. */
  findings: Finding[];
  /** Every file read, with the kind it was recognised as. Sorted by path. */
  files: { file: string; kind: FileKind }[];
  /** Every known rule, sorted by id: the SARIF driver's `rules[]`. */
  rules: RuleMeta[];
  /** File text by display path, for code frames. */
  sources: Map<string, string>;
  /** Where agents run (posture/environments.ts): the posture is judged from these and the findings. */
  environments?: Environment[];
  /** The profile the levels and the posture were judged under. */
  profile?: Profile;
  /** Files named on the command line that were not linted, with why (no kind it reads, a link out, ignorePaths). */
  skipped?: { file: string; reason: string }[];
  /** Set when a baseline hid known findings (`--baseline`). */
  baseline?: BaselineSummary;
}
