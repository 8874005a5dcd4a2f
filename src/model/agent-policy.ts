/**
 * AgentPolicy: the effective agent settings of one project (Claude Code settings merged the way Claude Code
 * merges them, .mcp.json servers, Codex config.toml), every value with the file and location it came from.
 *
 * Integration contract with the rest of the model:
 * - `mcpServers` feed the command model (a server's command line is a Command with context `mcp-server`;
 *   a server started with `docker run` becomes a ContainerLaunch).
 * - `hooks` feed the command model too (context `agent-hook`).
 *
 * Grouping: a project is the folder holding `.claude/`, `.mcp.json` (or `.claude/.mcp.json`) and `.codex/`.
 * A scanned `managed-settings.json` is the machine's policy: it is merged into every Claude project of the
 * scan (and is a policy of its own when there is none), since managed settings apply to every project.
 */
import path from 'node:path';
import { get, isMap, type LMap } from '../parse/tree.js';
import type { SourceFile } from './project.js';
import { buildClaudeSettings, type ClaudeSettings, type SettingsScope } from './policy/settings.js';
import type { EnvEntry } from './launch.js';
import { envEntries, readHooks, readMcpServers, type HookCommand, type HttpHook, type McpServer } from './policy/servers.js';

export type { McpServer, HookCommand, HttpHook } from './policy/servers.js';
export type { ClaudeSettings, Effective, ListItem, SettingsScope, SettingsSource } from './policy/settings.js';
export type { PermissionRule } from './policy/permission-rule.js';

/** One Codex config.toml. `.codex/config.toml` in a repository is project config (loaded once the project is trusted); `codex/config.toml` is a user config kept in a dotfiles repository. */
export interface CodexConfig {
  file: string;
  scope: 'project' | 'user';
  tree: LMap;
}

export interface AgentPolicy {
  /** The project folder the settings belong to (the parent of `.claude/`, `.codex/`, `.mcp.json`). */
  dir: string;
  mcpServers: McpServer[];
  hooks: HookCommand[];
  /** `type: "http"` hooks. */
  httpHooks: HttpHook[];
  /**
   * Every `env` entry of every Claude Code settings file of this project (managed included), each with its
   * file: what the session and every subprocess, hook and MCP server receive. For secret and redirect checks.
   */
  settingsEnv: (EnvEntry & { file: string; scope: SettingsScope })[];
  /** Claude Code settings of this project merged, or undefined when the project has no settings file. */
  claude?: ClaudeSettings;
  codex: CodexConfig[];
}

/** `a/b/.claude/settings.json` → `a/b`; `.mcp.json` → `.`. */
export function projectDir(file: string, kind: SourceFile['kind']): string {
  const parent = path.posix.dirname(file);
  if (kind === 'mcp') return path.posix.basename(parent) === '.claude' ? path.posix.dirname(parent) : parent;
  if (kind === 'claude-settings' || kind === 'codex-config') return path.posix.dirname(parent);
  return parent;
}

export function buildAgentPolicies(files: SourceFile[]): AgentPolicy[] {
  const byDir = new Map<string, { settings: { file: string; tree: LMap }[]; mcp: SourceFile[]; codex: SourceFile[] }>();
  const managed: { file: string; tree: LMap }[] = [];
  const at = (dir: string) => {
    let g = byDir.get(dir);
    if (!g) byDir.set(dir, (g = { settings: [], mcp: [], codex: [] }));
    return g;
  };
  for (const f of files) {
    if (!isMap(f.tree)) continue;
    if (f.kind === 'claude-settings') {
      if (path.posix.basename(f.file) === 'managed-settings.json') managed.push({ file: f.file, tree: f.tree });
      else at(projectDir(f.file, f.kind)).settings.push({ file: f.file, tree: f.tree });
    } else if (f.kind === 'mcp') at(projectDir(f.file, f.kind)).mcp.push(f);
    else if (f.kind === 'codex-config') at(projectDir(f.file, f.kind)).codex.push(f);
  }
  if (managed.length && ![...byDir.values()].some((g) => g.settings.length)) {
    for (const m of managed) at(path.posix.dirname(m.file)).settings.push(m);
    managed.length = 0;
  }
  const out: AgentPolicy[] = [];
  for (const [dir, g] of [...byDir].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const settings = g.settings.length ? [...g.settings, ...managed] : [];
    const claude = settings.length ? buildClaudeSettings(settings) : undefined;
    const hooks: HookCommand[] = [];
    const httpHooks: HttpHook[] = [];
    for (const s of claude?.sources ?? []) {
      const h = readHooks(s.tree);
      hooks.push(...h.commands);
      httpHooks.push(...h.http);
    }
    const mcpServers = [
      ...g.mcp.flatMap((f) => readMcpServers(isMap(f.tree) ? get(f.tree, 'mcpServers') : undefined, f.file, false)),
      ...g.codex.flatMap((f) => readMcpServers(isMap(f.tree) ? get(f.tree, 'mcp_servers') : undefined, f.file, true)),
    ];
    const codex = g.codex.flatMap((f) => (isMap(f.tree) ? [{ file: f.file, scope: /(^|\/)\.codex\/config\.toml$/.test(f.file) ? 'project' as const : 'user' as const, tree: f.tree }] : []));
    const settingsEnv = (claude?.sources ?? []).flatMap((s) => envEntries(get(s.tree, 'env')).map((e) => ({ ...e, file: s.file, scope: s.scope })));
    out.push({ dir, mcpServers, hooks, httpHooks, settingsEnv, claude, codex });
  }
  return out;
}
