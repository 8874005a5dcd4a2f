/**
 * Inline suppressions: `agent-sandbox-lint-disable-next-line <id>[, <id>] -- <reason>` and
 * `agent-sandbox-lint-disable-file <id>`, in comments of every format that has them. Strict-JSON files
 * (Claude settings, .mcp.json) have no comments: they are suppressed from the config only.
 */
import type { FileKind, Loc } from './types.js';
import type { SourceFile } from './model/project.js';

export interface Suppression {
  scope: 'next-line' | 'file';
  rules: string[];
  reason?: string;
  loc: Loc;
  /** The line it covers (next-line) or undefined (file). */
  line?: number;
  used: Set<string>;
}

const COMMENT_KINDS: Partial<Record<FileKind, RegExp>> = {
  devcontainer: /(?:\/\/|\/\*)/,
  'vscode-settings': /(?:\/\/|\/\*)/,
  compose: /#/,
  dockerfile: /#/,
  shell: /#/,
  'codex-config': /#/,
  'claude-agent': /#/,
  'claude-skill': /#/,
  'aider-config': /#/,
  workflow: /#/,
  'gemini-env': /#/,
  'gemini-settings': /(?:\/\/|\/\*)/,
  // VS Code's, Cursor's, Kiro's and Roo's MCP files are JSONC (Claude Code's .mcp.json cannot hold a comment).
  mcp: /(?:\/\/|\/\*)/,
  'claude-plugin': /(?:\/\/|\/\*)/,
  opencode: /(?:\/\/|\/\*)/,
  'zed-settings': /(?:\/\/|\/\*)/,
  'amp-settings': /(?:\/\/|\/\*)/,
  'cursor-cli': /(?:\/\/|\/\*)/,
  'cursor-environment': /(?:\/\/|\/\*)/,
};

const DIRECTIVE = /agent-sandbox-lint-disable-(next-line|file)\b([^\n]*)/;

export function readSuppressions(file: SourceFile): Suppression[] {
  const comment = COMMENT_KINDS[file.kind];
  if (!comment) return [];
  const out: Suppression[] = [];
  for (let line = 1; line <= file.index.lineCount; line++) {
    const text = file.index.lineText(line);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    // The directive counts only inside a comment: the comment opener must come before it on the line.
    const before = text.slice(0, m.index);
    if (!comment.test(before)) continue;
    const [body, reason] = splitReason(m[2].replace(/\*\/\s*$/, ''));
    const rules = body.split(/[,\s]+/).map((r) => r.trim()).filter(Boolean);
    const col = m.index + 1;
    out.push({
      scope: m[1] as Suppression['scope'],
      rules,
      reason,
      loc: { file: file.file, start: { line, column: col }, end: { line, column: col + m[0].trimEnd().length } },
      line: m[1] === 'next-line' ? nextCodeLine(file, line) : undefined,
      used: new Set(),
    });
  }
  return out;
}

function splitReason(s: string): [string, string | undefined] {
  const i = s.indexOf('--');
  if (i < 0) return [s, undefined];
  const reason = s.slice(i + 2).trim();
  return [s.slice(0, i), reason || undefined];
}

/** The line a next-line directive covers: the next line that is not itself a comment-only line. */
function nextCodeLine(file: SourceFile, line: number): number {
  for (let l = line + 1; l <= file.index.lineCount; l++) {
    const t = file.index.lineText(l).trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    return l;
  }
  return line + 1;
}
