/** One entry point for the CLI: pick a reporter by name. */
import type { LintResult } from '../result.js';
import { formatGithub } from './github.js';
import { formatJson, jsonReport } from './json.js';
import { formatSarif, sarifReport } from './sarif.js';
import { formatText } from './text.js';
import { formatMarkdown } from './markdown.js';
import { formatHtml } from './html.js';

export type Format = 'text' | 'json' | 'sarif' | 'github' | 'markdown' | 'html';

export const FORMATS: Format[] = ['text', 'json', 'sarif', 'github', 'markdown', 'html'];

export interface FormatOptions {
  /** Only the text format uses colour; the caller decides (TTY, NO_COLOR, --color). */
  color: boolean;
  /** `--sarif-category`: only written when given, since it overrides upload-sarif's own `category`. */
  sarifCategory?: string;
  /**
   * Markdown: the URL prefix finding links are made from (`https://github.com/o/r/blob/<sha>/`); without it, links
   * are relative paths. The Action sets it from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA.
   */
  linkBase?: string;
}

export function isFormat(value: string): value is Format {
  return (FORMATS as string[]).includes(value);
}

export function formatResult(format: Format, result: LintResult, opts: FormatOptions): string {
  return [...reportPieces(format, result, opts)].join('');
}

/** The report in pieces: the CLI writes them as they come, so a large report is never held whole. */
export function reportPieces(format: Format, result: LintResult, opts: FormatOptions): Iterable<string> {
  switch (format) {
    case 'text':
      return [formatText(result, { color: opts.color })];
    case 'json':
      return jsonReport(result);
    case 'sarif':
      return sarifReport(result, { category: opts.sarifCategory });
    case 'github':
      return [formatGithub(result)];
    case 'markdown':
      return [formatMarkdown(result, { linkBase: opts.linkBase })];
    case 'html':
      return [formatHtml(result)];
  }
}

export { formatGithub, formatJson, formatSarif, formatText, formatMarkdown, formatHtml };
