/**
 * AgentPolicy: the effective agent settings of one project (Claude Code settings merged the way Claude Code
 * merges them, .mcp.json servers, Codex config.toml), every value with the file and location it came from.
 *
 * Integration contract with the rest of the model:
 * - `mcpServers` feed the command model (a server's command line is a Command with context `mcp-server`;
 *   a server started with `docker run` becomes a ContainerLaunch).
 * - `hooks` feed the command model too (context `agent-hook`).
 */
import type { Loc, Located } from '../types.js';
import type { EnvEntry } from './launch.js';
import type { SourceFile } from './project.js';

export interface McpServer {
  name: string;
  /** Where the server is defined: its key in .mcp.json, config.toml or settings. */
  loc: Loc;
  command?: Located<string>;
  args: Located<string>[];
  env: EnvEntry[];
  url?: Located<string>;
  headers: EnvEntry[];
}

export interface HookCommand {
  /** The hook event (`PreToolUse`, `Stop`, …). */
  event: string;
  command: Located<string>;
}

export interface AgentPolicy {
  /** The project folder the settings belong to (the parent of `.claude/`, `.codex/`, `.mcp.json`). */
  dir: string;
  mcpServers: McpServer[];
  hooks: HookCommand[];
}

export function buildAgentPolicies(files: SourceFile[]): AgentPolicy[] {
  void files;
  return [];
}
