/**
 * Gemini CLI `.gemini/settings.json` and Qwen Code `.qwen/settings*.json` (its fork), and `.gemini/.env`
 * (anchors/agent-surfaces.md §2, §7.7). V1 flat keys are read beside their V2 names, as the CLI migrates them.
 * Source: github.com/google-gemini/gemini-cli docs/reference/configuration.md, packages/cli/src/config/config.ts.
 */
import path from 'node:path';
import { entry, get, getPath, items, str, type LEntry, type LNode } from '../../parse/tree.js';
import type { SourceFile } from '../project.js';
import { readHooks } from '../policy/servers.js';
import { envEntries, located, readMcpServers, type McpServer } from '../mcp.js';
import { prefixRule } from './shell-grants.js';
import { parsePermissionRule } from '../policy/permission-rule.js';
import { emptyAgentFile, type AgentFile } from './types.js';

/** `run_shell_command(git)` is a prefix match on the command; bare, every command. `ShellTool` is its class name. */
const SHELL_TOOL = /^(?:run_shell_command|ShellTool)(?:\((.*)\))?$/;

const STARTUP: { v2: string[]; v1: string; when: string }[] = [
  { v2: ['tools', 'discoveryCommand'], v1: 'toolDiscoveryCommand', when: 'at start-up, to discover tools' },
  { v2: ['tools', 'callCommand'], v1: 'toolCallCommand', when: 'for every call of a discovered tool' },
  { v2: ['mcp', 'serverCommand'], v1: 'mcpServerCommand', when: 'at start-up, to start an MCP server' },
];

function at(tree: LNode | undefined, keys: string[]): LEntry | undefined {
  return entry(keys.length > 1 ? getPath(tree, ...keys.slice(0, -1)) : tree, keys[keys.length - 1]);
}

export function readGemini(f: SourceFile): { file: AgentFile; servers: McpServer[] } {
  const out = emptyAgentFile(f.file, f.kind);
  const tree = f.tree;
  const qwen = path.posix.basename(path.posix.dirname(f.file)) === '.qwen';
  const agent = qwen ? 'Qwen Code' : 'Gemini CLI';
  for (const list of [getPath(tree, 'tools', 'allowed'), get(tree, 'allowedTools')]) {
    for (const item of items(list)) {
      const s = located(item);
      const m = s && SHELL_TOOL.exec(s.value.trim());
      if (!s || !m) continue;
      out.allows.push({ agent, file: f.file, loc: s.loc, raw: s.value, rule: prefixRule(m[1] ?? '', s.loc, f.file), context: `${agent} tools.allowed (a prefix of the command)` });
    }
  }
  // Qwen Code also takes Claude Code-style rules in `permissions.allow` (`Bash(npm *)`, `run_shell_command(git)`).
  for (const item of qwen ? items(getPath(tree, 'permissions', 'allow')) : []) {
    const s = located(item);
    if (!s) continue;
    const m = SHELL_TOOL.exec(s.value.trim());
    const rule = m ? prefixRule(m[1] ?? '', s.loc, f.file) : /^(?:Bash|Shell)\b/.test(s.value.trim()) ? parsePermissionRule(s.value.trim().replace(/^Shell/, 'Bash'), 'allow', s.loc, f.file, 'project') : undefined;
    if (rule) out.allows.push({ agent, file: f.file, loc: s.loc, raw: s.value, rule, context: `${agent} permissions.allow` });
  }
  const approval = at(tree, ['general', 'defaultApprovalMode']) ?? entry(tree, 'defaultApprovalMode');
  const mode = str(approval?.value);
  if (approval && mode === 'auto_edit') {
    out.approvals.push({ agent, file: f.file, loc: approval.value.loc, setting: `"defaultApprovalMode": "auto_edit"`, effect: 'edits', certainty: 'documented', what: `${agent} applies every file edit without asking (shell commands still ask); an untrusted folder forces the default mode` });
  } else if (approval && mode === 'yolo') {
    out.approvals.push({ agent, file: f.file, loc: approval.value.loc, setting: `"defaultApprovalMode": "yolo"`, effect: 'everything', certainty: 'ignored', what: `current ${agent} versions ignore "yolo" from a settings file (only the --yolo flag turns it on), but the file asks for every tool to run without asking` });
  }
  const perm = at(tree, ['general', 'defaultPermissionMode']) ?? entry(tree, 'defaultPermissionMode');
  const pm = str(perm?.value);
  if (perm && pm && ['bypass_permissions', 'auto', 'dont_ask'].includes(pm)) {
    const all = pm === 'bypass_permissions';
    out.approvals.push({
      agent, file: f.file, loc: perm.value.loc, setting: `"defaultPermissionMode": "${pm}"`, effect: all ? 'everything' : 'most', certainty: 'documented',
      what: `${agent} starts every session from this repository ${all ? 'running every tool, shell included, without asking' : `in "${pm}" mode, approving tool calls without asking you`}; non-interactive runs (-p, CI) treat the folder as trusted, so a pull request's copy of this file applies there`,
    });
  }
  for (const s of STARTUP) {
    const e = at(tree, s.v2) ?? entry(tree, s.v1);
    const c = located(e?.value);
    if (!e || !c || !c.value.trim()) continue;
    const key = at(tree, s.v2) ? s.v2.join('.') : s.v1;
    out.startup.push({ agent, file: f.file, key, command: c, when: s.when, certainty: 'documented' });
    out.commands.push({ value: c.value, loc: c.loc, source: `${agent} ${key}` });
  }
  if (tree && tree.type === 'map') {
    for (const h of readHooks(tree).commands) out.commands.push({ value: h.command.value, loc: h.command.loc, source: `${agent} ${h.event} hook` });
  }
  return { file: out, servers: readMcpServers(get(tree, 'mcpServers'), f.file, agent) };
}

/** `.gemini/.env`: loaded into the CLI's environment (every variable) once the folder is trusted. */
export function readGeminiEnv(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  out.values.push(...envEntries(f.tree));
  return out;
}
