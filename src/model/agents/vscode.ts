/**
 * VS Code agent-mode keys (GitHub Copilot chat, Roo Code, Kiro before 1.0) in a workspace `.vscode/settings.json`
 * or a devcontainer's `customizations.vscode.settings` (anchors/agent-surfaces.md §3.1, §3.2, §5, §6).
 * A key's scope decides whether a repository file can set it: `APPLICATION_MACHINE` keys are ignored in workspace
 * files but may apply from a devcontainer (written into the container's machine settings; §11: not tested).
 * Sources: microsoft/vscode chat.contribution.ts, terminalChatAgentToolsConfiguration.ts; vscode-docs approvals.md.
 */
import type { Loc } from '../../types.js';
import { entry, isMap, isTrue, items, str, type LMap, type LNode } from '../../parse/tree.js';
import { located } from '../mcp.js';
import { catchAllRegex, globRule, prefixRule } from './shell-grants.js';
import type { AgentFile } from './types.js';

const GLOBAL_AUTO_APPROVE = ['chat.tools.global.autoApprove', 'chat.tools.autoApprove', 'chat.agent.autoApprove', 'github.copilot.chat.agent.autoApprove'];
const TERMINAL_AUTO_APPROVE = ['chat.tools.terminal.autoApprove', 'chat.agent.terminal.autoApprove', 'chat.agent.terminal.allowList', 'github.copilot.chat.agent.terminal.allowList'];
/** Paths whose auto-approved edit reopens the settings/hook self-modification path (CVE-2025-53773). */
const PROTECTED_EDIT = /(?:^|\/)(?:\.vscode|\.git|\.github)(?:\/|$)|\.env\b|^\*\*(?:\/\*)?$|^\*\*\/\*$/;


/** A terminal auto-approve value: `true`, or `{approve: true}`. */
function approves(n: LNode): boolean {
  return isTrue(n) || (isMap(n) && isTrue(entry(n, 'approve')?.value));
}

export function readVscodeAgentKeys(settings: LMap, out: AgentFile, where: 'workspace' | 'devcontainer'): void {
  const f = out.file;
  const push = (loc: Loc, setting: string, effect: 'everything' | 'most', certainty: 'documented' | 'unconfirmed' | 'ignored', what: string) =>
    out.approvals.push({ agent: 'VS Code', file: f, loc, setting, effect, certainty, what });
  for (const key of GLOBAL_AUTO_APPROVE) {
    const e = entry(settings, key);
    if (!e || !isTrue(e.value)) continue;
    if (where === 'workspace') push(e.value.loc, `"${key}": true`, 'everything', 'ignored', 'VS Code approves every tool call without asking ("YOLO"); current builds ignore this key in a workspace file (application-machine scope), older ones and a user who copies it do not');
    else push(e.value.loc, `"${key}": true`, 'everything', 'unconfirmed', "VS Code may approve every tool call without asking (\"YOLO\"): a devcontainer's settings land in the container's machine settings, where this key can be set");
  }
  const perm = entry(settings, 'chat.permissions.default');
  const pv = str(perm?.value);
  if (perm && (pv === 'autoApprove' || pv === 'autopilot')) {
    push(perm.value.loc, `"chat.permissions.default": "${pv}"`, 'everything', 'unconfirmed', `VS Code may start every chat session from this repository in ${pv === 'autopilot' ? 'Autopilot' : 'Bypass Approvals'} mode, running tools without asking (the key declares no scope, so a workspace file can set it; enterprise policy can clamp it)`);
  }
  const ignoreDefaults = entry(settings, 'chat.tools.terminal.ignoreDefaultAutoApproveRules');
  if (ignoreDefaults && isTrue(ignoreDefaults.value)) {
    push(ignoreDefaults.value.loc, '"chat.tools.terminal.ignoreDefaultAutoApproveRules": true', 'most', 'documented', 'VS Code drops its built-in terminal deny rules (rm, curl, wget, eval, chmod …), so whatever the auto-approve rules match runs without asking, once the workspace is trusted');
  }
  for (const key of TERMINAL_AUTO_APPROVE) {
    const map = entry(settings, key)?.value;
    if (!isMap(map)) continue;
    for (const e of map.entries) {
      if (!approves(e.value)) continue;
      const k = e.key.trim();
      // A key is a command prefix unless written /like this/: `"*"` is a literal star, which no command starts with.
      if (k === '*') continue;
      const rule = k.startsWith('/') ? (catchAllRegex(k) ? prefixRule('*', e.keyLoc, f) : undefined) : prefixRule(k, e.keyLoc, f);
      if (rule) out.allows.push({ agent: 'VS Code', file: f, loc: e.keyLoc, raw: `"${e.key}": true`, rule, context: `${key} (a command prefix${k.startsWith('/') ? ' or regular expression' : ''})` });
    }
  }
  const edits = entry(settings, 'chat.tools.edits.autoApprove')?.value;
  if (isMap(edits)) {
    // Last match wins: a `true` after the defaults' `false` entries, or alone, approves edits of those files.
    const last = edits.entries[edits.entries.length - 1];
    for (const e of edits.entries) {
      if (!isTrue(e.value) || !PROTECTED_EDIT.test(e.key.trim())) continue;
      const catchAll = /^\*\*(?:\/\*)?$/.test(e.key.trim());
      if (catchAll && e !== last) continue;
      push(e.keyLoc, `"chat.tools.edits.autoApprove": {"${e.key}": true}`, 'most', 'documented', `VS Code lets the agent edit ${catchAll ? 'every file, its own settings (.vscode/*.json) and git hooks included,' : `"${e.key}"`} without asking: an injected agent can rewrite its settings to approve its next commands (CVE-2025-53773)`);
    }
  }
  const sandboxNet = entry(settings, 'chat.agent.sandbox.allowNetwork');
  if (sandboxNet && isTrue(sandboxNet.value)) {
    out.sandbox.push({ agent: 'VS Code', file: f, loc: sandboxNet.value.loc, setting: '"chat.agent.sandbox.allowNetwork": true', certainty: 'documented', what: "VS Code's agent sandbox lets its commands, which it auto-approves, reach any domain" });
  }
  const runtime = entry(settings, 'chat.agent.sandbox.advanced.runtime')?.value;
  const weaker = entry(runtime, 'enableWeakerNestedSandbox');
  if (weaker && isTrue(weaker.value)) {
    out.sandbox.push({ agent: 'VS Code', file: f, loc: weaker.value.loc, setting: '"enableWeakerNestedSandbox": true', certainty: 'documented', what: "VS Code's agent sandbox runs in its weaker nested mode (no unprivileged namespaces), meant only for containers that isolate it already" });
  }
  for (const os of ['linux', 'mac', 'windows']) {
    for (const item of items(entry(entry(settings, `chat.agent.sandbox.fileSystem.${os}`)?.value, 'allowWrite')?.value)) {
      const s = located(item);
      if (s && /^(?:\/|~|\$HOME|\$\{HOME\})\/?$|(?:^|\/)\.(?:ssh|aws|bashrc|zshrc|profile|config)(?:\/|$)/.test(s.value.trim())) {
        out.sandbox.push({ agent: 'VS Code', file: f, loc: s.loc, setting: `allowWrite "${s.value}"`, certainty: 'documented', what: `VS Code's agent sandbox lets commands write ${s.value}, where a start-up file or a key lets it act outside the sandbox later` });
      }
    }
  }
  const unsandboxed = entry(settings, 'chat.agent.sandbox.autoApproveUnsandboxedCommands');
  if (unsandboxed && isTrue(unsandboxed.value)) {
    push(unsandboxed.value.loc, '"chat.agent.sandbox.autoApproveUnsandboxedCommands": true', 'everything', 'unconfirmed', 'VS Code may run commands outside its sandbox without asking (the key exists in some builds only)');
  }
  for (const [key, agent] of [['roo-cline.allowedCommands', 'Roo Code'], ['kilo-code.allowedCommands', 'Kilo Code']] as const) {
    for (const item of items(entry(settings, key)?.value)) {
      const s = located(item);
      if (s) out.allows.push({ agent, file: f, loc: s.loc, raw: s.value, rule: prefixRule(s.value, s.loc, f), context: `${key} (a command prefix)` });
    }
  }
  for (const item of items(entry(settings, 'kiroAgent.trustedCommands')?.value)) {
    const s = located(item);
    if (s) out.allows.push({ agent: 'Kiro', file: f, loc: s.loc, raw: s.value, rule: globRule(s.value, s.loc, f), context: 'kiroAgent.trustedCommands (Kiro before 1.0)' });
  }
}
