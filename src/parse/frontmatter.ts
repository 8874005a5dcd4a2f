/**
 * Markdown with YAML frontmatter (Claude Code subagents, skills and commands): the block between a first line
 * `---` and the next `---` line is YAML, parsed by the `yaml` package like any YAML file. The text outside it is
 * blanked (line ends kept) before parsing, so every offset the YAML parser reports is the Markdown file's own.
 */
import { TextIndex } from './text-index.js';
import { parseYaml } from './yaml.js';
import { ParseFailure, syntaxFailure } from './result.js';
import type { LNode } from './tree.js';

export interface Frontmatter {
  /** The frontmatter's map, located in the Markdown file; undefined when the file has no frontmatter. */
  tree?: LNode;
  /** Offset where the body starts (after the closing `---` line), 0 without frontmatter. */
  bodyStart: number;
}

const OPEN = /^(?:\uFEFF)?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*$/m;

export function parseFrontmatter(index: TextIndex): Frontmatter {
  const text = index.text;
  const open = OPEN.exec(text);
  if (!open) return { bodyStart: 0 };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) throw syntaxFailure('the frontmatter that opens with `---` on line 1 is never closed by a `---` line', index.loc(0, 3));
  const yamlStart = open[0].length;
  const yamlEnd = yamlStart + close.index;
  const bodyStart = Math.min(text.length, yamlEnd + close[0].length + 1);
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  const masked = blank(text.slice(0, yamlStart)) + text.slice(yamlStart, yamlEnd) + blank(text.slice(yamlEnd));
  return { tree: parseLenient(index.file, masked), bodyStart };
}

const TOP_LEVEL = /^([A-Za-z_][\w-]*:[ \t]+)(\S[^\n]*)$/;

/**
 * Claude Code reads frontmatter leniently: an unquoted value holding `: ` (`description: Triggers: "x" | "y"`)
 * or starting like a list (`argument-hint: [--setup | --parse]`, the form its own docs show) is still a string
 * to it. Each top-level line the YAML parser rejects is read as a plain string instead (the same length, so
 * offsets hold), and only what stays broken is reported.
 */
function parseLenient(file: string, text: string): LNode {
  let current = text;
  let first: unknown;
  for (let attempt = 0; attempt < 32; attempt++) {
    try {
      return parseYaml(new TextIndex(file, current));
    } catch (e) {
      first ??= e;
      const line = e instanceof ParseFailure ? lineOf(current, e.problem.loc.start.line) : undefined;
      if (!line) throw first;
      const m = TOP_LEVEL.exec(current.slice(line.start, line.end));
      const plain = m ? m[2].replace(/^[\[{|>&*!%@`]/, '\u00a0').replace(/: /g, ':\u00a0').replace(/ #/g, '\u00a0#') : undefined;
      if (!m || plain === m[2]) throw first;
      current = current.slice(0, line.start) + m[1] + plain + current.slice(line.end);
    }
  }
  throw first;
}

/** The top-level `key: value` line an error belongs to: its own line, or the key line above its continuation. */
function lineOf(text: string, line: number): { start: number; end: number } | undefined {
  const lines = text.split('\n');
  for (let l = Math.min(line, lines.length); l >= 1; l--) {
    const own = lines[l - 1];
    if (TOP_LEVEL.test(own)) {
      const start = lines.slice(0, l - 1).reduce((n, x) => n + x.length + 1, 0);
      return { start, end: start + own.length };
    }
    if (/^\S/.test(own)) return undefined;
  }
  return undefined;
}
