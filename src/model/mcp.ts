/**
 * One MCP server model for every client (anchors/agent-surfaces.md §9): Claude Code's `.mcp.json`, Codex
 * `[mcp_servers]`, VS Code `servers`, Cursor, Kiro, Roo/Kilo, Cline, Gemini CLI/Qwen `mcpServers`, OpenCode
 * `mcp`, Zed `context_servers`, Amp `amp.mcpServers`, a subagent's inline servers. Each becomes the same
 * record, so the rules (unpinned launchers, secrets, filesystem roots, auto-approval, trust, plain http) are
 * written once. A server's command line joins the command model (context `mcp-server`).
 */
import type { Loc, Located } from '../types.js';
import { get, isMap, isScalar, isSeq, isTrue, items, located, str, type LNode } from '../parse/tree.js';

export { located } from '../parse/tree.js';
import { hostVariable, type EnvEntry } from './launch.js';

/** The agent that reads the file, for messages. */
export type McpClient =
  | 'Claude Code' | 'Codex' | 'VS Code' | 'Cursor' | 'Kiro' | 'Roo Code' | 'Kilo Code' | 'Cline'
  | 'Gemini CLI' | 'Qwen Code' | 'OpenCode' | 'Zed' | 'Amp';

export interface McpServer {
  name: string;
  /** Where the server is defined: its key. */
  loc: Loc;
  client: McpClient;
  /** The file that defines it. */
  file: string;
  /** `stdio`, `http`, `sse`, `ws` as written (`stdio` when a command is given without a type, `http` for a url). */
  transport?: string;
  command?: Located<string>;
  args: Located<string>[];
  env: EnvEntry[];
  url?: Located<string>;
  headers: EnvEntry[];
  /** Tools the client runs without asking (Kiro/Cline `autoApprove`, Roo/Kilo `alwaysAllow`), as written. */
  autoApprove: Located<string>[];
  /** `trust: true` (Gemini CLI, Qwen Code): every tool of the server runs without a confirmation. */
  trusted?: Loc;
  /** `disabled: true` / `enabled: false`: defined but not started. */
  disabled: boolean;
}

/** How a client spells its servers' fields. */
export type McpDialect = 'common' | 'codex' | 'opencode' | 'zed';

export function envEntries(map: LNode | undefined): EnvEntry[] {
  if (!isMap(map)) return [];
  return map.entries.flatMap((e) => {
    const v = str(e.value);
    const hostVar = v === undefined ? undefined : hostVariable(v);
    return [{ name: e.key, value: hostVar ? undefined : v, hostVar, loc: e.keyLoc, valueLoc: e.value.loc }];
  });
}

const strings = (n: LNode | undefined) => items(n).flatMap((a) => located(a) ?? []);

/** The servers of one container map (`mcpServers`, `servers`, `mcp_servers`, `mcp`, `context_servers`). */
export function readMcpServers(servers: LNode | undefined, file: string, client: McpClient, dialect: McpDialect = 'common'): McpServer[] {
  if (!isMap(servers)) return [];
  // OpenCode's V2 form nests them one level down: `mcp: { servers: { … } }`.
  if (dialect === 'opencode' && isMap(get(servers, 'servers'))) return readMcpServers(get(servers, 'servers'), file, client, dialect);
  return servers.entries.flatMap((e) => {
    const s = e.value;
    if (!isMap(s)) return [];
    const base = { name: e.key, loc: e.keyLoc, client, file };
    const enabled = get(s, 'enabled');
    const off = isTrue(get(s, 'disabled')) || (isScalar(enabled) && enabled.value === false);
    const approve = [...strings(get(s, 'autoApprove')), ...strings(get(s, 'alwaysAllow'))];
    const trust = get(s, 'trust');
    const common = { autoApprove: approve, trusted: isTrue(trust) ? trust!.loc : undefined, disabled: off };
    if (dialect === 'opencode') {
      // `{type: "local", command: ["npx", "-y", "pkg"], environment}` or `{type: "remote", url, headers}`.
      const argv = strings(get(s, 'command'));
      const url = located(get(s, 'url'));
      return [{ ...base, ...common, transport: argv.length ? 'stdio' : url ? 'http' : undefined, command: argv[0], args: argv.slice(1), env: envEntries(get(s, 'environment')), url, headers: envEntries(get(s, 'headers')) }];
    }
    if (dialect === 'zed') {
      // `{command: {path, args, env}}` (older) or `{command, args, env}`; remote `{url, headers}`.
      const cmd = get(s, 'command');
      const nested = isMap(cmd) ? cmd : s;
      const command = isMap(cmd) ? located(get(cmd, 'path')) : located(cmd);
      const url = located(get(s, 'url'));
      return [{ ...base, ...common, transport: command ? 'stdio' : url ? 'http' : undefined, command, args: strings(get(nested, 'args')), env: envEntries(get(nested, 'env')), url, headers: envEntries(get(s, 'headers')) }];
    }
    const command = located(get(s, 'command'));
    // Gemini `httpUrl` (streamable HTTP) and Windsurf `serverUrl` are the same field under other names.
    const url = located(get(s, 'url')) ?? located(get(s, 'httpUrl')) ?? located(get(s, 'serverUrl'));
    const type = str(get(s, 'type')) ?? str(get(s, 'transportType'));
    return [{
      ...base,
      ...common,
      transport: type ?? (command ? 'stdio' : url ? 'http' : undefined),
      command,
      args: strings(get(s, 'args')),
      env: envEntries(get(s, 'env')),
      url,
      headers: envEntries(get(s, dialect === 'codex' ? 'http_headers' : 'headers')),
    }];
  });
}

/** A subagent's `mcpServers`: a list whose entries name a server of the parent or define one (`{name: config}`). */
export function readInlineServers(list: LNode | undefined, file: string, client: McpClient): McpServer[] {
  if (isMap(list)) return readMcpServers(list, file, client);
  if (!isSeq(list)) return [];
  return list.items.flatMap((i) => (isMap(i) ? readMcpServers(i, file, client) : []));
}
