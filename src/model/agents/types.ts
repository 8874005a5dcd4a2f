/**
 * What an agent's own file grants, as facts the rules judge: approval switches, allow patterns, commands it
 * makes the agent run, subagent settings, plugin sources. One record shape for every agent (Claude Code beyond
 * settings.json, Gemini CLI, Qwen Code, VS Code, Cursor, Kiro, Roo, OpenCode, Amp, Zed, Aider), so a rule is
 * written once. What a key means for its agent (anchors/agent-surfaces.md) is decided where the file is read.
 */
import type { FileKind, Loc, Located } from '../../types.js';
import type { CommandSpec, EnvEntry } from '../launch.js';
import type { PermissionRule } from '../policy/permission-rule.js';

/** A setting that turns an agent's approvals off, or down. */
export interface ApprovalSwitch {
  agent: string;
  file: string;
  loc: Loc;
  /** The setting as written, for messages: `"permission": "allow"`. */
  setting: string;
  /** What then runs without asking: everything (shell included), most (not everything, or gated), only edits. */
  effect: 'everything' | 'most' | 'edits';
  /** Documented; or only possible (anchors §11, worded "may"); or ignored by current versions. */
  certainty: 'documented' | 'unconfirmed' | 'ignored';
  /** One plain sentence: what the agent then does, and any gate or version that applies. */
  what: string;
}

/** A setting that weakens or turns off the agent's own sandbox. */
export interface SandboxGap {
  agent: string;
  file: string;
  loc: Loc;
  setting: string;
  /** Documented (warning), or only possible (anchors §11: a note worded "may"). */
  certainty: 'documented' | 'unconfirmed';
  /** A gap that leaves the sandbox standing (network inside it): a note. */
  minor?: boolean;
  what: string;
}

/** An allow pattern: the agent runs what it matches without asking. */
export interface AllowGrant {
  agent: string;
  file: string;
  loc: Loc;
  /** As written: `Shell(**)`, `run_shell_command(npm)`, `"make *": "allow"`. */
  raw: string;
  /** The same grant as a Claude Code rule (`Bash(npm:*)`), when it is a command, fetch or file pattern. */
  rule?: PermissionRule;
  /** Breadth stated by the reader for a token only this agent has (`Mcp(*:*)`). */
  wide?: string;
  /** Where it applies, for messages: `skill "deploy" (the model may invoke it on its own)`. */
  context?: string;
}

/** A command a repository file makes the agent run without the user typing it. */
export interface StartupCommand {
  agent: string;
  file: string;
  /** The key as written: `tools.discoveryCommand`. */
  key: string;
  command: Located<string>;
  /** When it runs, for messages. */
  when: string;
  /** Documented (warning) or inferred from documented defaults (note). */
  certainty: 'documented' | 'inferred';
}

/** A Claude Code subagent's frontmatter. */
export interface Subagent {
  name: string;
  permissionMode?: Located<string>;
  /** `tools`, absent when the subagent inherits every tool of the parent. */
  tools?: { loc: Loc; names: string[] };
  /** Keys Claude Code ignores that look like grants (`allowedTools`): the author meant a restriction that is not there. */
  ignoredKeys: { key: string; loc: Loc }[];
}

/** A plugin a marketplace lists, and whether its source is pinned to content. */
export interface PluginSource {
  file: string;
  plugin: string;
  loc: Loc;
  /** `github`, `url`, `git-subdir`, `npm`, `archive`, `command`. */
  type: string;
  /** Why it is not pinned, or undefined when it is. */
  unpinned?: string;
}

export interface AgentFile {
  file: string;
  kind: FileKind;
  approvals: ApprovalSwitch[];
  sandbox: SandboxGap[];
  allows: AllowGrant[];
  startup: StartupCommand[];
  /** Commands the agent runs from this file (hooks, inline skill commands, cloud-agent install scripts): they join the command model. */
  commands: CommandSpec[];
  /** Named values that may be credentials (Aider `openai-api-key`, `.gemini/.env` entries). */
  values: EnvEntry[];
  subagent?: Subagent;
  pluginSources: PluginSource[];
}

export function emptyAgentFile(file: string, kind: FileKind): AgentFile {
  return { file, kind, approvals: [], sandbox: [], allows: [], startup: [], commands: [], values: [], pluginSources: [] };
}
