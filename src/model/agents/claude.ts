/**
 * Claude Code beyond settings.json (anchors/agent-surfaces.md §1): subagents (`.claude/agents/`), skills and
 * commands (`allowed-tools`, hooks, inline `` !`cmd` `` lines), plugin manifests, marketplaces and plugin hooks.
 * Sources: code.claude.com/docs/en/sub-agents, /skills, /slash-commands, /plugins-reference, /plugin-marketplaces.
 */
import path from 'node:path';
import type { Loc } from '../../types.js';
import { get, isMap, isSeq, items, str, type LMap, type LNode } from '../../parse/tree.js';
import type { TextIndex } from '../../parse/text-index.js';
import type { SourceFile } from '../project.js';
import { parsePermissionRule } from '../policy/permission-rule.js';
import { readHooks } from '../policy/servers.js';
import { located, readInlineServers, type McpServer } from '../mcp.js';
import { emptyAgentFile, type AgentFile, type AllowGrant } from './types.js';
import type { CommandSpec } from '../launch.js';

/** Keys a subagent's author writes meaning a tool restriction, which Claude Code ignores (only `tools` restricts). */
const IGNORED_GRANT_KEYS = new Set(['allowedTools', 'allowed_tools', 'allowed-tools', 'permissions']);

/** `Bash(git add *), Bash(git status:*)` or `Read Grep Bash(npm test *)`: rules split on commas and spaces outside parentheses. */
export function splitToolList(text: string): { raw: string; start: number }[] {
  const out: { raw: string; start: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const sep = c === undefined || ((c === ',' || /\s/.test(c)) && depth === 0);
    if (sep) {
      if (start >= 0) out.push({ raw: text.slice(start, i), start });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** The rules of a `tools` / `allowed-tools` value (a string or a YAML list), each located where it is written. */
function toolRules(n: LNode | undefined, index: TextIndex): { raw: string; loc: Loc }[] {
  if (isSeq(n)) return n.items.flatMap((i) => { const s = located(i); return s ? [{ raw: s.value.trim(), loc: s.loc }] : []; });
  const s = located(n);
  if (!s) return [];
  // Each rule's place in the file: found in the scalar's source text (quotes and folding keep it findable).
  const from = index.offset(s.loc.start);
  const source = index.text.slice(from, index.offset(s.loc.end));
  let at = 0;
  return splitToolList(s.value).map((t) => {
    const off = source.indexOf(t.raw, at);
    if (off < 0) return { raw: t.raw, loc: s.loc };
    at = off + t.raw.length;
    return { raw: t.raw, loc: index.loc(from + off, from + off + t.raw.length) };
  });
}

function hookSpecs(tree: LMap | undefined, what: string): CommandSpec[] {
  if (!tree) return [];
  return readHooks(tree).commands.map((h) => ({ value: h.command.value, loc: h.command.loc, source: `${what} ${h.event} hook` }));
}

/**
 * Inline shell of a skill or command body: `` !`cmd` `` at a line start or after whitespace, and fenced blocks
 * opened with three backticks and `!`. Claude Code runs them before the prompt is sent, when an allow rule matches.
 */
function inlineCommands(index: TextIndex, bodyStart: number, what: string): CommandSpec[] {
  const text = index.text;
  const out: CommandSpec[] = [];
  const fence = /^```!\s*\r?\n([\s\S]*?)^```/gm;
  fence.lastIndex = bodyStart;
  const fenced: [number, number][] = [];
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const start = m.index + m[0].indexOf(m[1]);
    fenced.push([m.index, m.index + m[0].length]);
    if (m[1].trim()) out.push({ value: m[1], loc: index.loc(start, start + m[1].length), source: `${what} inline command` });
  }
  const inline = /(^|[ \t])!`([^`\n]+)`/gm;
  inline.lastIndex = bodyStart;
  for (let m = inline.exec(text); m; m = inline.exec(text)) {
    const start = m.index + m[1].length + 2;
    if (fenced.some(([a, b]) => start >= a && start < b)) continue;
    out.push({ value: m[2], loc: index.loc(start, start + m[2].length), source: `${what} inline command` });
  }
  return out;
}

export function readSubagent(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  const fm = isMap(f.tree) ? f.tree : undefined;
  const name = str(get(fm, 'name')) ?? path.posix.basename(f.file, '.md');
  const tools = get(fm, 'tools');
  const rules = tools === undefined ? undefined : toolRules(tools, f.index);
  out.subagent = {
    name,
    permissionMode: located(get(fm, 'permissionMode')),
    tools: rules && tools ? { loc: tools.loc, names: rules.map((r) => r.raw) } : undefined,
    ignoredKeys: (fm?.entries ?? []).filter((e) => IGNORED_GRANT_KEYS.has(e.key)).map((e) => ({ key: e.key, loc: e.keyLoc })),
  };
  out.commands.push(...hookSpecs(fm, `subagent "${name}"`));
  return { file: out, servers: readInlineServers(get(fm, 'mcpServers'), f.file, 'Claude Code') };
}

export function readSkill(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  const fm = isMap(f.tree) ? f.tree : undefined;
  const isSkill = path.posix.basename(f.file) === 'SKILL.md';
  const name = isSkill ? path.posix.basename(path.posix.dirname(f.file)) : path.posix.basename(f.file, '.md');
  const what = `${isSkill ? 'skill' : 'command'} "${name}"`;
  const userOnly = str(get(fm, 'disable-model-invocation')) === 'true';
  const context = `${what} (${userOnly ? 'when you invoke it' : 'the model may invoke it on its own'})`;
  for (const r of toolRules(get(fm, 'allowed-tools'), f.index)) {
    const rule = parsePermissionRule(r.raw, 'allow', r.loc, f.file, 'project');
    out.allows.push({ agent: 'Claude Code', file: f.file, loc: r.loc, raw: r.raw, rule, context } satisfies AllowGrant);
  }
  out.commands.push(...hookSpecs(fm, what), ...inlineCommands(f.index, f.bodyStart ?? 0, what));
  return out;
}

/** `{"source": "github", "repo", "ref", "sha"}` and the other forms of a marketplace entry's source. */
function sourceUnpinned(src: LNode | undefined): { type: string; unpinned?: string } | undefined {
  if (!isMap(src)) return undefined; // a relative path: the plugin is in the marketplace's own repository
  const type = str(get(src, 'source')) ?? '';
  if (type === 'github' || type === 'url' || type === 'git-subdir' || type === 'git') {
    return { type, unpinned: str(get(src, 'sha')) ? undefined : `no \`sha\`${str(get(src, 'ref')) ? ` (\`ref\` "${str(get(src, 'ref'))}" can move)` : ''}` };
  }
  if (type === 'npm') {
    const v = str(get(src, 'version'));
    return { type, unpinned: v && /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(v) ? undefined : v ? `version "${v}" is a range` : 'no exact `version`' };
  }
  if (type === 'archive') return { type, unpinned: str(get(src, 'sha256')) ? undefined : 'no `sha256`' };
  return { type };
}

export function readPlugin(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  const tree = isMap(f.tree) ? f.tree : undefined;
  const base = path.posix.basename(f.file);
  if (base === 'hooks.json') {
    out.commands.push(...hookSpecs(tree, 'plugin'));
    return { file: out, servers: [] };
  }
  if (base === 'marketplace.json') {
    for (const p of items(get(tree, 'plugins'))) {
      const srcEntry = isMap(p) ? p.entries.find((e) => e.key === 'source') : undefined;
      const s = sourceUnpinned(srcEntry?.value);
      if (!srcEntry || !s) continue;
      out.pluginSources.push({ file: f.file, plugin: str(get(p, 'name')) ?? '(unnamed)', loc: srcEntry.value.loc, type: s.type, unpinned: s.unpinned });
    }
    return { file: out, servers: [] };
  }
  // plugin.json: inline hooks and servers (a string value is a path to another file, read as its own kind).
  out.commands.push(...hookSpecs(tree, 'plugin'));
  return { file: out, servers: readInlineServers(get(tree, 'mcpServers'), f.file, 'Claude Code') };
}
