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

/** A syntax error that stopped a parser: the file was not checked. */
export function syntaxFailure(detail: string, loc: Loc): ParseFailure {
  return new ParseFailure({
    message: `Syntax error: ${detail}. The file was not checked; fix it, since the tool that reads it may reject or ignore it too`,
    loc,
  });
}
