/**
 * Markdown with YAML frontmatter (Claude Code subagents, skills and commands): the block between a first line
 * `---` and the next `---` line is YAML, parsed by the `yaml` package like any YAML file. The text outside it is
 * blanked (line ends kept) before parsing, so every offset the YAML parser reports is the Markdown file's own.
 */
import { TextIndex } from './text-index.js';
import { parseYaml } from './yaml.js';
import { syntaxFailure } from './result.js';
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
  const tree = parseYaml(new TextIndex(index.file, masked));
  return { tree, bodyStart };
}
