/**
 * MCP servers (`.mcp.json` `mcpServers`, Codex `[mcp_servers.<id>]`) and Claude Code hooks, read from the
 * located tree. Schema: code.claude.com/docs/en/mcp, /hooks; Codex config-reference (anchors/agent-settings.md §1.7, §2, §3.2).
 */
import type { Loc, Located } from '../../types.js';
import { get, isMap, items, str, type LMap, type LNode } from '../../parse/tree.js';
import { hostVariable, type EnvEntry } from '../launch.js';

export interface McpServer {
  name: string;
  /** Where the server is defined: its key in .mcp.json, config.toml or settings. */
  loc: Loc;
  command?: Located<string>;
  args: Located<string>[];
  env: EnvEntry[];
  url?: Located<string>;
  headers: EnvEntry[];
  /** The file that defines it. */
  file: string;
  /** `stdio`, `http`, `sse`, `ws` as written (`stdio` when a command is given without a type). */
  transport?: string;
}

export interface HookCommand {
  /** The hook event (`PreToolUse`, `Stop`, …). */
  event: string;
  command: Located<string>;
}

/** A `type: "http"` hook: Claude Code POSTs the event JSON (tool input and output) to `url`. */
export interface HttpHook {
  event: string;
  url: Located<string>;
}

function located(n: LNode | undefined): Located<string> | undefined {
  const s = str(n);
  return s !== undefined && n ? { value: s, loc: n.loc } : undefined;
}

export function envEntries(map: LNode | undefined): EnvEntry[] {
  if (!isMap(map)) return [];
  return map.entries.flatMap((e) => {
    const v = str(e.value);
    const hostVar = v === undefined ? undefined : hostVariable(v);
    return [{ name: e.key, value: hostVar ? undefined : v, hostVar, loc: e.keyLoc, valueLoc: e.value.loc }];
  });
}

/** `.mcp.json` (`mcpServers`) or Codex config (`mcp_servers`): the servers of one file. */
export function readMcpServers(servers: LNode | undefined, file: string, codex: boolean): McpServer[] {
  if (!isMap(servers)) return [];
  return servers.entries.flatMap((e) => {
    const s = e.value;
    if (!isMap(s)) return [];
    const command = located(get(s, 'command'));
    const url = located(get(s, 'url'));
    return [{
      name: e.key,
      loc: e.keyLoc,
      command,
      args: items(get(s, 'args')).flatMap((a) => located(a) ?? []),
      env: envEntries(get(s, 'env')),
      url,
      headers: envEntries(get(s, codex ? 'http_headers' : 'headers')),
      file,
      transport: str(get(s, 'type')) ?? (command ? 'stdio' : url ? 'http' : undefined),
    }];
  });
}

/** `hooks: { <Event>: [ { matcher, hooks: [ {type, command | url} ] } ] }`. */
export function readHooks(tree: LMap): { commands: HookCommand[]; http: HttpHook[] } {
  const commands: HookCommand[] = [];
  const http: HttpHook[] = [];
  const hooks = get(tree, 'hooks');
  if (!isMap(hooks)) return { commands, http };
  for (const ev of hooks.entries) {
    for (const group of items(ev.value)) {
      for (const h of items(get(group, 'hooks'))) {
        const type = str(get(h, 'type')) ?? 'command';
        if (type === 'command') {
          const c = located(get(h, 'command'));
          if (c) commands.push({ event: ev.key, command: c });
        } else if (type === 'http') {
          const u = located(get(h, 'url'));
          if (u) http.push({ event: ev.key, url: u });
        }
      }
    }
  }
  return { commands, http };
}

