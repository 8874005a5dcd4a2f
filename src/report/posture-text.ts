/** The text report's closing tables: one per agent environment, one line per dimension with its state and top finding. */
import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../result.js';
import { byGrade, resultPostures, type DimensionState, type Grade } from '../posture/posture.js';
import { clean } from './text.js';

/** More environments than this are counted, not drawn: the other formats list them all. */
export const MAX_TEXT_ENVIRONMENTS = 10;

export function postureText(c: ChalkInstance, result: LintResult): string | undefined {
  const postures = byGrade(resultPostures(result));
  if (postures.length === 0) return undefined;
  const profile = result.profile?.name ?? 'default';
  const blocks = postures.slice(0, MAX_TEXT_ENVIRONMENTS).map((p) => {
    const head = `  ${gradeMark(c, p.grade)}  ${c.bold(clean(p.environment.name))}`;
    const rows = p.dimensions.map((d) => {
      const top = d.findings[0];
      const where = top ? `${top.ruleId}  ${c.dim(`${clean(top.file)}:${top.line}`)}${d.findings.length > 1 ? c.dim(` (+${d.findings.length - 1})`) : ''}` : c.dim('–');
      return `       ${d.dimension.padEnd(13)} ${stateMark(c, d.state)}  ${where}`;
    });
    return [head, ...rows].join('\n');
  });
  const more = postures.length - MAX_TEXT_ENVIRONMENTS;
  const tail = more > 0 ? [`  … and ${more} more environment${more === 1 ? '' : 's'} (all of them in --format json, markdown or html)`] : [];
  return [c.bold(`Posture per agent environment (profile ${profile}; how it is graded: README, "Posture")`), ...blocks, ...tail].join('\n\n');
}

function gradeMark(c: ChalkInstance, g: Grade): string {
  const text = `grade ${g}`;
  if (g === 'A') return c.green(text);
  if (g === 'B' || g === 'C') return c.yellow(text);
  return c.red(text);
}

function stateMark(c: ChalkInstance, s: DimensionState): string {
  const text = s.padEnd(6);
  return s === 'open' ? c.red(text) : s === 'weak' ? c.yellow(text) : c.green(text);
}
