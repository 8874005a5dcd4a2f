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
import type { ProjectModel, SourceFile } from './project.js';
import { anchorDir } from '../shard.js';
import { buildClaudeSettings, inferScope, sortByPrecedence, type ClaudeSettings, type SettingsScope } from './policy/settings.js';
import type { EnvEntry } from './launch.js';
import { envEntries, readHooks, readMcpServers, type HookCommand, type HttpHook, type McpServer } from './policy/servers.js';
import { mcpFileClient } from './agents/index.js';

export type { McpServer, HookCommand, HttpHook } from './policy/servers.js';
export type { ClaudeSettings, Effective, ListItem, SettingsScope, SettingsSource } from './policy/settings.js';
export type { PermissionRule } from './policy/permission-rule.js';

/** One Codex config.toml. `.codex/config.toml` in a repository is project config (loaded once the project is trusted); `codex/config.toml` is a user config kept in a dotfiles repository. */
export interface CodexConfig {
  file: string;
  scope: 'project' | 'user';
  /** How the scope was decided when the path alone does not say it, for messages. */
  scopeWhy?: string;
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

/** The dot folders agents read their project files from: the project is the folder that holds them. */
const AGENT_DIR = /(?:^|\/)\.(?:claude|claude-plugin|devcontainer|cursor|vscode|kiro|roo|kilocode|gemini|qwen|amp|zed|opencode)\//;

/** `a/b/.claude/settings.json` → `a/b`; `.mcp.json` → `.`; a dotfiles `config/claude/settings.json` → `config/claude`. */
export function projectDir(file: string, kind: SourceFile['kind']): string {
  const parent = path.posix.dirname(file);
  if (kind !== 'claude-settings' && kind !== 'codex-config') {
    const m = AGENT_DIR.exec(file);
    if (m) return m.index === 0 ? '.' : file.slice(0, m.index);
    // A plugin's `hooks/hooks.json` belongs to the plugin folder.
    if (kind === 'claude-plugin' && path.posix.basename(parent) === 'hooks') return path.posix.dirname(parent);
    return parent;
  }
  // A dotfiles repository's `claude/settings.json` is the user's ~/.claude itself: its folder (with the scripts
  // beside it that the settings run) is the unit, not the folder above.
  if (kind === 'claude-settings' && path.posix.basename(parent) !== '.claude' && path.posix.basename(file) !== 'managed-settings.json') return parent;
  if (kind === 'claude-settings' || kind === 'codex-config') return path.posix.dirname(parent);
  return parent;
}

export function buildAgentPolicies(files: SourceFile[], otherServers: ReadonlyMap<string, McpServer[]> = new Map()): AgentPolicy[] {
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
    } else if (f.kind === 'mcp' || otherServers.has(f.file)) at(projectDir(f.file, f.kind)).mcp.push(f);
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
      ...g.mcp.flatMap((f) => {
        const other = otherServers.get(f.file);
        if (other) return other;
        const { client, key } = mcpFileClient(f.file);
        return readMcpServers(get(f.tree, key), f.file, client);
      }),
      ...g.codex.flatMap((f) => readMcpServers(get(f.tree, 'mcp_servers'), f.file, 'Codex', 'codex')),
    ];
    const codex = g.codex.flatMap((f) => (isMap(f.tree) ? [codexConfig(f.file, f.tree)] : []));
    const settingsEnv = (claude?.sources ?? []).flatMap((s) => envEntries(get(s.tree, 'env')).map((e) => ({ ...e, file: s.file, scope: s.scope })));
    out.push({ dir, mcpServers, hooks, httpHooks, settingsEnv, claude, codex });
  }
  return out;
}

/** `.codex/config.toml` is project config unless the path shows a dotfiles repository; `codex/config.toml` is a user config kept in one. */
function codexConfig(file: string, tree: LMap): CodexConfig {
  const inferred = inferScope(file);
  if (inferred) return { file, scope: 'user', scopeWhy: inferred.why, tree };
  return { file, scope: /(^|\/)\.codex\/config\.toml$/.test(file) ? 'project' : 'user', tree };
}

/** A scope stated in `.agent-sandbox-lint.yaml` (`scopes`): files the glob matches are that scope, whatever their name says. */
export interface ScopeOverride {
  scope: SettingsScope;
  /** Matches a file's display path (as in findings). */
  matches: (file: string) => boolean;
  /** Where it was stated, for messages. */
  stated: string;
}

/** A container's home for the tool: `/home/node/.claude`, `/root/.codex`, `~/.claude`, `$HOME/.claude`. */
const HOME_CONFIG_TARGET = /^(?:~|\$HOME|\$\{HOME\}|\$\{containerEnv:HOME\}|\/root|\/home\/[^/]+|\/Users\/[^/]+)\/\.(claude|codex)$/;
/** How a mount source names the folder it is run from (a script's working folder, a devcontainer's workspace). */
const HERE = /^(?:\$\(pwd\)|`pwd`|\$PWD|\$\{PWD\}|\$\{localWorkspaceFolder\}|\.)(?:\/|$)/;

/**
 * Folders of the scan that a launch bind-mounts as a container's `~/.claude` or `~/.codex`, with the launch:
 * the settings inside are that container's user settings. A relative source is tried against the launch file's
 * folder, the repository root (scripts usually run from it) and, for a devcontainer, the workspace folder.
 */
function mountedHomes(model: ProjectModel): Map<string, { why: string; unit: string }> {
  const out = new Map<string, { why: string; unit: string }>();
  for (const l of model.launches) {
    for (const m of l.mounts) {
      if (m.type !== 'bind' || !m.source || !m.target) continue;
      const target = HOME_CONFIG_TARGET.exec(m.target.trim().replace(/\/+$/, ''));
      if (!target) continue;
      const src = m.source.trim().replace(/\/+$/, '');
      if (/^(?:~|\$HOME|\$\{HOME\}|\$\{localEnv:HOME\})(?:\/|$)/.test(src)) continue;
      if (src.startsWith('/')) continue;
      const rest = src.replace(HERE, '');
      const fileDir = path.posix.dirname(l.anchor.file);
      const bases = [fileDir, '.'];
      if (l.source === 'devcontainer' && path.posix.basename(fileDir) === '.devcontainer') bases.unshift(path.posix.dirname(fileDir));
      for (const b of bases) {
        const dir = path.posix.normalize(path.posix.join(b, HERE.test(src) ? rest || '.' : src));
        if (!out.has(dir)) out.set(dir, { why: `${l.name} (${l.anchor.file}:${l.anchor.start.line}) mounts ${m.source} as the container's ~/.${target[1]}`, unit: anchorDir(l.anchor.file, 'shell') });
      }
    }
  }
  return out;
}

/**
 * Decides the scopes that need more than a file name, once the launches are known (docker run launches come
 * from the command model): a folder mounted as a container's `~/.claude` (or `~/.codex`) holds user settings,
 * and the config's `scopes` state a file's scope outright (they win). The merge is re-ordered to match.
 */
export function resolvePolicyScopes(model: ProjectModel, overrides: ScopeOverride[] = []): void {
  const homes = mountedHomes(model);
  const decide = (file: string): { scope: SettingsScope; why: string } | undefined => {
    const o = overrides.find((x) => x.matches(file));
    if (o) return { scope: o.scope, why: `stated in ${o.stated}` };
    if (path.posix.basename(file) !== 'settings.json' && path.posix.basename(file) !== 'config.toml') return undefined;
    const home = homes.get(path.posix.dirname(file));
    // Only a launch in the folder unit the file is linted with (shard.ts): a split scan must decide the same.
    if (!home || home.unit !== anchorDir(file, path.posix.extname(file) === '.toml' ? 'codex-config' : 'claude-settings')) return undefined;
    return { scope: 'user', why: home.why };
  };
  for (const p of model.policies) {
    let changed = false;
    for (const s of p.claude?.sources ?? []) {
      const d = decide(s.file);
      if (!d || (d.scope === s.scope && s.scopeWhy)) continue;
      s.scope = d.scope;
      s.scopeWhy = d.why;
      changed = true;
    }
    if (p.claude && changed) {
      sortByPrecedence(p.claude.sources);
      const scopeOfFile = new Map(p.claude.sources.map((s) => [s.file, s.scope]));
      for (const r of p.claude.rules) r.scope = scopeOfFile.get(r.file) ?? r.scope;
      for (const e of p.settingsEnv) e.scope = scopeOfFile.get(e.file) ?? e.scope;
    }
    for (const c of p.codex) {
      const d = decide(c.file);
      if (!d || (d.scope !== 'user' && d.scope !== 'project')) continue;
      c.scope = d.scope;
      c.scopeWhy = d.why;
    }
  }
}
