/**
 * OpenCode, Amp, Zed and Aider repository files (anchors/agent-surfaces.md §7). Sources: opencode.ai/docs
 * (permissions, config, mcp-servers), ampcode.com/manual, zed docs/src/ai/tool-permissions.md and mcp.md,
 * aider.chat/docs/config/aider_conf.html.
 */
import { entry, get, getPath, isMap, isTrue, items, str, type LMap, type LNode } from '../../parse/tree.js';
import type { SourceFile } from '../project.js';
import { located, readMcpServers, type McpServer } from '../mcp.js';
import { catchAllRegex, globRule, prefixRule } from './shell-grants.js';
import { emptyAgentFile, type AgentFile } from './types.js';


/** OpenCode `permission` (top level or per agent): `"allow"`, or per tool `allow|ask|deny` or `{pattern: action}`. */
function openCodePermission(perm: LNode | undefined, out: AgentFile, where: string): void {
  const f = out.file;
  if (str(perm) === 'allow') {
    out.approvals.push({ agent: 'OpenCode', file: f, loc: perm!.loc, setting: `${where}: "allow"`, effect: 'everything', certainty: 'documented', what: 'OpenCode runs every tool, shell included, without asking; it documents no workspace-trust gate, so the file applies as soon as OpenCode starts in the folder' });
    return;
  }
  const bash = entry(perm, 'bash');
  if (!bash) return;
  if (str(bash.value) === 'allow') {
    out.approvals.push({ agent: 'OpenCode', file: f, loc: bash.value.loc, setting: `${where}.bash: "allow"`, effect: 'everything', certainty: 'documented', what: 'OpenCode runs every shell command without asking, with no workspace-trust gate' });
    return;
  }
  if (!isMap(bash.value)) return;
  for (const e of bash.value.entries) {
    if (str(e.value) !== 'allow') continue;
    if (e.key.trim() === '*') {
      out.approvals.push({ agent: 'OpenCode', file: f, loc: e.value.loc, setting: `${where}.bash: {"*": "allow"}`, effect: 'everything', certainty: 'documented', what: 'OpenCode runs every shell command not matched by a later rule without asking, with no workspace-trust gate' });
      continue;
    }
    out.allows.push({ agent: 'OpenCode', file: f, loc: e.keyLoc, raw: `"${e.key}": "allow"`, rule: globRule(e.key, e.keyLoc, f), context: `OpenCode ${where}.bash (a glob: \`*\` is any text)` });
  }
}

export function readOpenCode(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  openCodePermission(get(f.tree, 'permission'), out, 'permission');
  const agents = get(f.tree, 'agent');
  if (isMap(agents)) for (const a of agents.entries) openCodePermission(get(a.value, 'permission'), out, `agent.${a.key}.permission`);
  return { file: out, servers: readMcpServers(get(f.tree, 'mcp'), f.file, 'OpenCode', 'opencode') };
}

export function readAmp(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  const all = entry(f.tree, 'amp.dangerouslyAllowAll');
  if (all && isTrue(all.value)) {
    out.approvals.push({ agent: 'Amp', file: f.file, loc: all.value.loc, setting: '"amp.dangerouslyAllowAll": true', effect: 'everything', certainty: 'documented', what: 'Amp runs every tool, shell included, without asking, for everyone who opens the workspace' });
  }
  for (const rule of items(get(f.tree, 'amp.permissions'))) {
    const tool = str(get(rule, 'tool'));
    const action = get(rule, 'action');
    if (str(action) !== 'allow' || (tool !== 'Bash' && tool !== '*')) continue;
    const matches = get(rule, 'matches');
    const cmd = located(get(matches, 'cmd'));
    if (!matches) {
      out.approvals.push({ agent: 'Amp', file: f.file, loc: action!.loc, setting: `amp.permissions {"tool": "${tool}", "action": "allow"}`, effect: 'everything', certainty: 'documented', what: `Amp runs every ${tool === 'Bash' ? 'shell command' : 'tool call'} without asking (the rule has no \`matches\`)` });
    } else if (tool === 'Bash' && cmd) {
      const rule = cmd.value.startsWith('/') ? (catchAllRegex(cmd.value) ? prefixRule('*', cmd.loc, f.file) : undefined) : globRule(cmd.value, cmd.loc, f.file);
      if (rule) out.allows.push({ agent: 'Amp', file: f.file, loc: cmd.loc, raw: cmd.value, rule, context: 'amp.permissions (matches.cmd)' });
    }
  }
  for (const item of items(get(f.tree, 'amp.commands.allowlist'))) {
    const s = located(item);
    if (s) out.allows.push({ agent: 'Amp', file: f.file, loc: s.loc, raw: s.value, rule: globRule(s.value, s.loc, f.file), context: 'amp.commands.allowlist' });
  }
  return { file: out, servers: readMcpServers(get(f.tree, 'amp.mcpServers'), f.file, 'Amp') };
}

export function readZed(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  const agent = get(f.tree, 'agent');
  const def = entry(get(agent, 'tool_permissions'), 'default');
  const gate = 'Zed applies a project\'s .zed/settings.json once the worktree is trusted (since Dec 2025), and which agent keys it honours from a project file is not documented';
  if (def && str(def.value) === 'allow') {
    out.approvals.push({ agent: 'Zed', file: f.file, loc: def.value.loc, setting: '"agent.tool_permissions.default": "allow"', effect: 'everything', certainty: 'unconfirmed', what: `Zed's agent may run every tool without asking; ${gate}` });
  }
  const legacy = entry(agent, 'always_allow_tool_actions');
  if (legacy && isTrue(legacy.value)) {
    out.approvals.push({ agent: 'Zed', file: f.file, loc: legacy.value.loc, setting: '"agent.always_allow_tool_actions": true', effect: 'everything', certainty: 'unconfirmed', what: `Zed's agent (before v0.224) may run every tool without asking; ${gate}` });
  }
  const terminal = getPath(agent, 'tool_permissions', 'tools', 'terminal');
  for (const item of items(get(terminal, 'always_allow'))) {
    const s = located(item);
    if (s && catchAllRegex(s.value)) out.allows.push({ agent: 'Zed', file: f.file, loc: s.loc, raw: s.value, rule: prefixRule('*', s.loc, f.file), context: 'agent.tool_permissions.tools.terminal.always_allow (a regular expression)' });
  }
  return { file: out, servers: readMcpServers(get(f.tree, 'context_servers'), f.file, 'Zed', 'zed') };
}

/** `.aider.conf.yml`: read from the git root after the home directory, so the repository's file wins over the user's. */
export function readAider(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  const tree = isMap(f.tree) ? (f.tree as LMap) : undefined;
  const yes = entry(tree, 'yes-always');
  if (yes && isTrue(yes.value)) {
    out.approvals.push({ agent: 'Aider', file: f.file, loc: yes.value.loc, setting: 'yes-always: true', effect: 'most', certainty: 'documented', what: "Aider answers yes to every confirmation (adding files, creating files, fetching URLs); shell commands it suggests still need an explicit yes. The repository's file overrides the user's own" });
  }
  for (const [key, flag, dflt] of [['lint-cmd', 'auto-lint', true], ['test-cmd', 'auto-test', false]] as const) {
    const e = entry(tree, key);
    const on = entry(tree, flag);
    const auto = on ? isTrue(on.value) : dflt;
    for (const n of e ? (e.value.type === 'seq' ? e.value.items : [e.value]) : []) {
      const c = located(n);
      if (!c || !c.value.trim()) continue;
      out.commands.push({ value: c.value, loc: c.loc, source: `Aider ${key}` });
      if (auto) out.startup.push({ agent: 'Aider', file: f.file, key, command: c, when: `after every edit the agent makes (${flag} is ${on ? 'on' : 'on by default'})`, certainty: 'inferred' });
    }
  }
  for (const key of ['openai-api-key', 'anthropic-api-key']) {
    const e = entry(tree, key);
    const v = str(e?.value);
    if (e && v !== undefined) out.values.push({ name: key.replace(/-/g, '_').toUpperCase(), value: v, loc: e.keyLoc, valueLoc: e.value.loc });
  }
  return out;
}
