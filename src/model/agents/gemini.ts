/**
 * Gemini CLI `.gemini/settings.json` and Qwen Code `.qwen/settings*.json` (its fork), and `.gemini/.env`
 * (anchors/agent-surfaces.md §2, §7.7). V1 flat keys are read beside their V2 names, as the CLI migrates them.
 * Source: github.com/google-gemini/gemini-cli docs/reference/configuration.md, packages/cli/src/config/config.ts.
 */
import path from 'node:path';
import type { Loc } from '../../types.js';
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
  readGeminiSandbox(tree, out, agent);
  if (tree && tree.type === 'map') {
    for (const h of readHooks(tree).commands) out.commands.push({ value: h.command.value, loc: h.command.loc, source: `${agent} ${h.event} hook` });
  }
  return { file: out, servers: readMcpServers(get(tree, 'mcpServers'), f.file, agent) };
}

/** Host paths that give the sandbox the whole machine or the user's secrets. */
const BROAD_PATH = /^(?:\/|~|\$HOME|\$\{HOME\}|\/home\/[^/]+|\/Users\/[^/]+|\/root)\/?$|(?:^|\/)\.(?:ssh|aws|gnupg|kube|docker|config\/gcloud)(?:\/|$)/;

/** `tools.sandbox` (V1 `sandbox`): `false` turns a user's sandbox off; the object form defaults `networkAccess` to true. */
function readGeminiSandbox(tree: LNode | undefined, out: AgentFile, agent: string): void {
  const e = at(tree, ['tools', 'sandbox']) ?? entry(tree, 'sandbox');
  const key = at(tree, ['tools', 'sandbox']) ? 'tools.sandbox' : 'sandbox';
  const push = (loc: Loc, setting: string, what: string, minor = false) => out.sandbox.push({ agent, file: out.file, loc, setting, certainty: 'documented', minor, what });
  if (e && str(e.value) === 'false') push(e.value.loc, `"${key}": false`, `${agent} runs tools without its sandbox even for a user who turned it on: a trusted project file overrides the user's settings`);
  if (e && e.value.type === 'map') {
    const net = entry(e.value, 'networkAccess');
    if (str(get(e.value, 'enabled')) !== 'false' && str(net?.value) !== 'false') push(net?.value.loc ?? e.keyLoc, `"${key}": {${net ? ' "networkAccess": true' : ' no "networkAccess"'} }`, `${agent}'s sandbox lets tools reach the network (the object form defaults \`networkAccess\` to true), so a prompt-injected command can send what it reads anywhere`, true);
    for (const p of items(get(e.value, 'allowedPaths'))) {
      const s = located(p);
      if (s && BROAD_PATH.test(s.value.trim())) push(s.loc, `allowedPaths "${s.value}"`, `${agent}'s sandbox is given ${s.value} of the host, which holds the user's files and credentials`);
    }
  }
  const netFlag = at(tree, ['tools', 'sandboxNetworkAccess']);
  if (netFlag && str(netFlag.value) === 'true') push(netFlag.value.loc, '"tools.sandboxNetworkAccess": true', `${agent}'s sandbox lets tools reach the network`, true);
  for (const p of items(at(tree, ['tools', 'sandboxAllowedPaths'])?.value)) {
    const s = located(p);
    if (s && BROAD_PATH.test(s.value.trim())) push(s.loc, `sandboxAllowedPaths "${s.value}"`, `${agent}'s sandbox is given ${s.value} of the host, which holds the user's files and credentials`);
  }
}

/** `docker run` flags that undo the container sandbox. */
const ESCAPE_FLAG = /^(?:--privileged|--network=host|--net=host|--pid=host|--cap-add(?:=.*)?|--security-opt(?:=.*)?)$/;

/**
 * `.gemini/.env`: once the folder is trusted, every variable is loaded into the CLI's environment before the
 * sandbox is configured, so it can set the sandbox variables (docs/cli/sandbox.md, settings.ts loadEnvironment).
 */
export function readGeminiEnv(f: SourceFile): AgentFile {
  const out = emptyAgentFile(f.file, f.kind);
  const values = envEntries(f.tree);
  out.values.push(...values);
  const push = (e: (typeof values)[number], certainty: 'documented' | 'unconfirmed', what: string) =>
    out.sandbox.push({ agent: 'Gemini CLI', file: f.file, loc: e.valueLoc, setting: `${e.name}=${e.value ?? ''}`, certainty, what });
  for (const e of values) {
    const v = (e.value ?? '').trim();
    if (e.name === 'GEMINI_SANDBOX' && /^(?:false|0)$/i.test(v)) push(e, 'unconfirmed', 'Gemini CLI may run tools without its sandbox for everyone who trusts the folder (the variable beats settings and flags; not run-tested)');
    if (e.name === 'GEMINI_CLI_TRUST_WORKSPACE' && /^(?:true|1)$/i.test(v)) push(e, 'documented', 'Gemini CLI treats the folder as trusted in headless runs, so a pull request\'s .gemini/settings.json and MCP servers apply in CI');
    if (e.name === 'SANDBOX_FLAGS') {
      const words = v.split(/\s+/);
      const bad = words.find((w, i) => {
        if (w === '-v' || w === '--volume') return BROAD_PATH.test((words[i + 1] ?? '').split(':')[0]);
        if (w.startsWith('--volume=')) return BROAD_PATH.test(w.slice('--volume='.length).split(':')[0]);
        if (w === '--network' || w === '--net') return words[i + 1] === 'host';
        return ESCAPE_FLAG.test(w);
      });
      if (bad) push(e, 'documented', `Gemini CLI adds \`${bad}\` to the \`docker run\` of its sandbox, which undoes the container's isolation`);
    }
    if (e.name === 'SANDBOX_MOUNTS' && v.split(',').some((m) => BROAD_PATH.test(m.split(':')[0].trim()))) push(e, 'documented', "Gemini CLI mounts a broad host path (the root, the home directory or a credential folder) into its sandbox");
  }
  return out;
}
