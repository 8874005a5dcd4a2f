import type { Loc, Severity } from '../types.js';

/** A file that could not be parsed: reported as `invalid-config` at `loc`. */
export interface ParseProblem {
  message: string;
  loc: Loc;
  /** Lower than error when the file was still read in part (tree-sitter recovers from shell syntax errors). */
  severity?: Severity;
}

export class ParseFailure extends Error {
  constructor(readonly problem: ParseProblem) {
    super(problem.message);
  }
}
