/**
 * Cursor `.cursor/cli.json` (the CLI agent's permissions) and `.cursor/environment.json` (the cloud agent's
 * machine set-up). Sources: cursor.com/docs/cli/reference/permissions, /docs/cloud-agent/setup
 * (anchors/agent-surfaces.md §4).
 */
import { get, getPath, items, str } from '../../parse/tree.js';
import type { SourceFile } from '../project.js';
import { located } from '../mcp.js';
import { globRule, prefixRule } from './shell-grants.js';
import { emptyAgentFile, type AgentFile } from './types.js';
import { parsePermissionRule } from '../policy/permission-rule.js';

const TOKEN = /^(Shell|Read|Write|WebFetch|Mcp)\((.*)\)$/;

export function readCursorCli(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  for (const item of items(getPath(f.tree, 'permissions', 'allow'))) {
    const s = located(item);
    const m = s && TOKEN.exec(s.value.trim());
    if (!s || !m) continue;
    const [, tool, arg] = m;
    const a = arg.trim();
    const base = { agent: 'Cursor', file: f.file, loc: s.loc, raw: s.value, context: '.cursor/cli.json permissions.allow' };
    if (tool === 'Shell') {
      // `Shell(git)` matches the command's base (any arguments); `Shell(git:push*)` is base and an argument glob.
      const colon = a.indexOf(':');
      const rule = a === '*' || a === '**' ? prefixRule('*', s.loc, f.file) : colon > 0 ? globRule(`${a.slice(0, colon)} ${a.slice(colon + 1)}`, s.loc, f.file) : prefixRule(a, s.loc, f.file);
      out.allows.push({ ...base, rule });
    } else if (tool === 'Write' && /^\*\*?(?:\/\*\*?)?$/.test(a)) {
      out.allows.push({ ...base, wide: 'lets the agent write any file, its own `.cursor/cli.json` and git hooks included, so it can grant itself more' });
    } else if (tool === 'WebFetch' && (a === '*' || a === '**')) {
      out.allows.push({ ...base, rule: parsePermissionRule('WebFetch', 'allow', s.loc, f.file, 'project') });
    } else if (tool === 'Mcp' && /^\*\*?(?::\*\*?)?$/.test(a)) {
      out.allows.push({ ...base, wide: 'approves every tool of every MCP server, present and future' });
    }
  }
  return out;
}

/** `install`, `start` and `terminals[].command` run on the cloud agent's machine, which has the repository's secrets. */
export function readCursorEnvironment(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  for (const key of ['install', 'start'] as const) {
    const c = located(get(f.tree, key));
    if (c && c.value.trim()) out.commands.push({ value: c.value, loc: c.loc, source: `Cursor cloud agent ${key} command` });
  }
  for (const t of items(get(f.tree, 'terminals'))) {
    const c = located(get(t, 'command'));
    if (c && c.value.trim()) out.commands.push({ value: c.value, loc: c.loc, source: `Cursor cloud agent terminal "${str(get(t, 'name')) ?? 'unnamed'}"` });
  }
  return out;
}
