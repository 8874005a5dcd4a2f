/**
 * Claude Code hooks (settings, plugin `hooks/hooks.json`, subagent and skill frontmatter), read from the located
 * tree; MCP servers are in ../mcp.ts. Schema: code.claude.com/docs/en/mcp, /hooks; Codex config-reference (anchors/agent-settings.md §1.7, §2, §3.2).
 */
import type { Located } from '../../types.js';
import { get, isMap, items, str, type LMap } from '../../parse/tree.js';
import { located } from '../mcp.js';

export { envEntries, readMcpServers, type McpServer } from '../mcp.js';

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

