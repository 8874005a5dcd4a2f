/** Shared vocabulary: locations, findings, file kinds. Everything else builds on these. */

export type Severity = 'error' | 'warning' | 'note';

/** 1-based line and column; columns count UTF-16 code units (SARIF `columnKind: utf16CodeUnits`). */
export interface Position {
  line: number;
  column: number;
}

/** A span in one file; `end` is exclusive, as in SARIF regions. */
export interface Loc {
  /** Display path: relative to the working directory, `/` separators. */
  file: string;
  start: Position;
  end: Position;
}

export interface Located<T> {
  value: T;
  loc: Loc;
}

export type FileKind =
  | 'devcontainer'
  | 'compose'
  | 'dockerfile'
  | 'shell'
  | 'claude-settings'
  | 'mcp'
  | 'codex-config'
  | 'vscode-settings'
  /** Claude Code subagent: `.claude/agents/` Markdown (YAML frontmatter). */
  | 'claude-agent'
  /** Claude Code skill or command: `.claude/skills/<name>/SKILL.md` or a Markdown file under `.claude/commands/`. */
  | 'claude-skill'
  /** Claude Code plugin and marketplace manifests (`.claude-plugin/*.json`) and a plugin's `hooks/hooks.json`. */
  | 'claude-plugin'
  /** Gemini CLI (and Qwen Code, its fork) settings. */
  | 'gemini-settings'
  /** `.gemini/.env`: loaded into Gemini CLI's environment in a trusted folder. */
  | 'gemini-env'
  | 'cursor-cli'
  | 'cursor-environment'
  | 'opencode'
  | 'amp-settings'
  | 'zed-settings'
  | 'aider-config'
  /** A GitHub Actions workflow (`.github/workflows/*.yml`) or a local composite action (`.github/actions/<name>/action.yml`). */
  | 'workflow';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The region holds a secret: reporters that show source text mask it. */
  redact?: boolean;
  /** A mechanical change that resolves it (rules declare it next to the check; `--fix` applies the safe ones). */
  fix?: Fix;
  /** Why a finding was hidden (inline comment or config ignore); only set on suppressed findings. */
  suppressed?: { kind: 'inline' | 'config'; reason: string };
}

/** Replace `length` UTF-16 code units at `offset` of the file's text with `text` (an insertion when length is 0). */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export interface Fix {
  /** What it changes, in a few words: `add cap_drop: [ALL] to compose service "agent"`. */
  description: string;
  file: string;
  /** Non-overlapping edits of that file, against the text the finding was made from. */
  edits: TextEdit[];
  /**
   * `--fix` applies it: it only makes the configuration safer and cannot break the environment. A fix that
   * could (dropping a capability something needs, removing `privileged`) is a suggestion: shown by
   * `--fix-dry-run` and in SARIF `fixes`, never applied.
   */
  safe: boolean;
  /** Why it is only a suggestion. */
  caution?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { note: 0, warning: 1, error: 2 };
