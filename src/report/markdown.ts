/**
 * Markdown report for a pull-request comment or a job's step summary (GitHub-flavoured Markdown): a summary line,
 * one posture table per agent environment, then the findings by file and the suppressed ones.
 *
 * Everything taken from scanned files (paths, messages, names, reasons) is untrusted and goes through `md()` or
 * `html()`: a file must not be able to add markup, links, images or raw HTML to a page GitHub renders for the
 * team, nor mention people. The output is kept under GitHub's limits (a PR comment holds 65,536 characters, a step
 * summary 1 MiB): past BUDGET nothing more is added, and the last line says how much was left out.
 */
import type { Finding, Severity } from '../types.js';
import type { LintResult } from '../result.js';
import { baselineLine } from '../baseline.js';
import { ruleDocUrl, TOOL_NAME } from '../meta.js';
import { byGrade, resultPostures, type DimensionState, type EnvironmentPosture } from '../posture/posture.js';
import { clean } from './text.js';
import { countFiles, groupByFile, plural } from './shared.js';

export interface MarkdownOptions {
  /** URL prefix for links to lines (`https://github.com/o/r/blob/<sha>/`); relative links when absent. */
  linkBase?: string;
}

/**
 * Where adding stops. Each piece is only added when it fits below this, so the whole report, with the closing
 * tags and the cut-off line, stays under the 65,536 characters of a PR comment however long one piece is.
 */
export const BUDGET = 60_000;

/** A longer message (one quoting a file) is cut, so one finding cannot take the room of hundreds. */
const MAX_MESSAGE = 1_000;

/** Above this many findings each file's list is folded, so the posture tables stay near the top of the page. */
export const FOLD_ABOVE = 10;

const STATE_MARK: Record<DimensionState, string> = { open: '🔴 open', weak: '🟠 weak', closed: '🟢 closed' };

export function formatMarkdown(result: LintResult, opts: MarkdownOptions = {}): string {
  const problems = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const postures = byGrade(resultPostures(result));
  const link = (f: Finding) => lineLink(f, opts.linkBase);
  const out = new Output(BUDGET);

  // The head is always written: it is short and says what the rest would have said.
  out.force(`## ${TOOL_NAME}\n\n${summaryLine(problems, countFiles(result), result.profile?.name ?? 'default')}\n`);
  if (result.baseline) out.force(`\n${md(baselineLine(result.baseline))}\n`);

  let envsLeft = postures.length;
  for (const p of postures) {
    if (!out.add(`\n${postureTable(p, link)}`)) break;
    envsLeft--;
  }

  let findingsLeft = problems.length;
  if (problems.length > 0 && out.add(`\n### Findings\n`)) {
    const fold = problems.length > FOLD_ABOVE;
    for (const [file, list] of groupByFile(problems)) {
      const open = fold ? `\n<details><summary>${html(file)} (${list.length})</summary>\n\n` : `\n#### ${md(file)}\n\n`;
      const close = fold ? `\n</details>\n` : '';
      if (!out.add(open, close.length)) break;
      for (const f of list) {
        if (!out.add(`- ${findingItem(f, link, result)}\n`, close.length)) break;
        findingsLeft--;
      }
      out.force(close);
      if (out.full) break;
    }
  }

  let suppressedLeft = suppressed.length;
  if (suppressed.length > 0) {
    const close = `\n</details>\n`;
    const noun = suppressed.length === 1 ? 'finding' : 'findings';
    if (out.add(`\n<details><summary>${suppressed.length} suppressed ${noun}</summary>\n\n`, close.length)) {
      for (const f of suppressed) {
        if (!out.add(`- ${suppressedItem(f, link)}\n`, close.length)) break;
        suppressedLeft--;
      }
      out.force(close);
    }
  }

  // Never a silent cut: say what is missing and where all of it is.
  if (out.full) {
    const left = [
      ...(findingsLeft ? [plural(findingsLeft, 'finding')] : []),
      ...(envsLeft ? [plural(envsLeft, 'environment')] : []),
      ...(suppressedLeft ? [plural(suppressedLeft, 'suppressed finding')] : []),
    ];
    out.force(`\n**Report cut to fit GitHub's size limit:** ${left.join(', ')} left out. \`--format json\` and \`--format sarif\` hold all of them.\n`);
  }
  return out.text();
}

/** Pieces of the report with a running size; once one piece does not fit, nothing more is added. */
class Output {
  private parts: string[] = [];
  private size = 0;
  full = false;

  constructor(private readonly limit: number) {}

  /** Adds `text` when it fits with `reserve` characters kept free (for a closing tag still to come). */
  add(text: string, reserve = 0): boolean {
    if (this.full || this.size + text.length + reserve > this.limit) {
      this.full = true;
      return false;
    }
    this.force(text);
    return true;
  }

  force(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

function postureTable(p: EnvironmentPosture, link: (f: Finding) => string): string {
  const rows = p.dimensions.map((d) => {
    const top = d.findings[0];
    const where = top ? `${code(top.ruleId)} ${link(top)}` : '–';
    return `| ${d.dimension} | ${STATE_MARK[d.state]} | ${d.findings.length} | ${where} |`;
  });
  return [`### Grade ${p.grade} · ${md(p.environment.name)}`, '', '| Dimension | State | Findings | Top finding |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

function findingItem(f: Finding, link: (f: Finding) => string, result: LintResult): string {
  const known = result.rules.some((r) => r.id === f.ruleId);
  const rule = known ? `[${code(f.ruleId)}](${ruleDocUrl(f.ruleId)})` : code(f.ruleId);
  const fix = f.fix ? ` · fix: ${md(f.fix.description)}${f.fix.safe ? '' : f.fix.caution ? ` (suggestion: ${md(f.fix.caution)})` : ' (suggestion)'}` : '';
  return `${severityMark(f.severity)} ${rule} ${md(shorten(f.message))} ${link(f)}${fix}`;
}

function suppressedItem(f: Finding, link: (f: Finding) => string): string {
  const s = f.suppressed;
  const why = s ? `${s.kind}: ${s.reason ? md(shorten(s.reason)) : '(no reason)'}` : '';
  return `${code(f.ruleId)} ${link(f)} — ${why}`;
}

function severityMark(s: Severity): string {
  return `**${s}**`;
}

/** `[file:line](url)`: to the blob at the link base, else a relative path (right in a file at the repository's root). */
function lineLink(f: Finding, linkBase: string | undefined): string {
  const lines = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  return `[${md(`${f.file}:${f.line}`)}](${linkBase ?? ''}${urlPath(f.file)}${lines})`;
}

/**
 * encodeURI leaves `#` and `?` (which would end the path) and `(` `)` (which can end a Markdown link) as they are;
 * a scanned tree can name files with any of them.
 */
function urlPath(file: string): string {
  // encodeURI throws on a lone surrogate half; a hand-made or odd path could hold one.
  const whole = clean(file).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return encodeURI(whole).replace(/[#?()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One line of untrusted text: controls and bidi overrides replaced (as in the text report), newlines made spaces. */
function oneLine(text: string): string {
  return clean(text.replace(/\r\n|\r|\n/g, ' '));
}

/**
 * `@name` and `#123` are neutralised with a zero-width space (as Renovate does): GitHub would otherwise notify that
 * user or team, or link that issue, because a scanned file said so. A backslash does not stop either. An `@` after
 * a letter or digit mentions no one (`node:20@sha256`, `a@b.c`), so it stays as it is for copying; `#12` does
 * link after one (`owner/repo#12`).
 */
function neutralise(text: string, at: number, c: string): string | undefined {
  const next = text[at + 1] ?? '';
  if (c === '@' && /[A-Za-z0-9]/.test(next) && !/[A-Za-z0-9_]/.test(text[at - 1] ?? '')) return '@&#8203;';
  if (c === '#' && /[0-9]/.test(next)) return '\\#&#8203;';
  return undefined;
}

/**
 * Untrusted text for a Markdown context (headings, list items, table cells, link text). `& < >` become entities,
 * so no raw HTML passes; each Markdown-significant character gets a backslash, `|` included, so a cell stays one,
 * and `$` too, which GitHub would otherwise take as the start of a formula.
 */
export function md(text: string): string {
  const s = oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return s.replace(/[\\`*_[\]|#~$@]/g, (c, at: number) => neutralise(s, at, c) ?? (c === '@' ? c : `\\${c}`));
}

/** Untrusted text inside an HTML block (`<summary>`), where Markdown is not parsed and a backslash would show. */
export function html(text: string): string {
  const s = oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return s.replace(/[#@]/g, (c, at: number) => neutralise(s, at, c)?.replace('\\', '') ?? c);
}

/** A rule id as a code span; ids are the linter's own (`[a-z0-9-]`), but one from a hand-made result could hold anything. */
function code(id: string): string {
  return /^[\w.-]+$/.test(id) ? `\`${id}\`` : md(id);
}

function shorten(text: string): string {
  if (text.length <= MAX_MESSAGE) return text;
  // Not between the halves of a surrogate pair, which would leave a broken character.
  const end = /[\ud800-\udbff]/.test(text[MAX_MESSAGE - 1]) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
  return `${text.slice(0, end)}…`;
}




function summaryLine(problems: Finding[], fileCount: number, profile: string): string {
  const files = plural(fileCount, 'file');
  if (problems.length === 0) return `No problems found in ${files} (profile ${code(profile)}).`;
  const count = (s: Severity) => problems.filter((f) => f.severity === s).length;
  const breakdown = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')}`;
  return `**${plural(problems.length, 'problem')}** (${breakdown}) in ${files} (profile ${code(profile)}).`;
}
