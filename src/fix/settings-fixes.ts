/**
 * Fixes for agents' own settings files: Claude Code `settings.json` / `managed-settings.json` and Codex
 * `config.toml`. Each edits the file the finding points at, from the located tree: a switch's value token is
 * replaced in place (nothing else on its line moves), a missing key or list item is inserted in the file's own
 * layout (src/fix/edit.ts). Claude Code reads its settings as strict JSON, so those files hold no comments to
 * keep; Codex's TOML can, and a token replacement never touches them.
 */
import type { Fix, TextEdit } from '../types.js';
import type { ProjectModel } from '../model/project.js';
import { projectDir } from '../model/agent-policy.js';
import { claudePolicies, sandbox } from '../model/policy/facts.js';
import { scalarOf, type ClaudeSettings, type SettingsSource } from '../model/policy/settings.js';
import { entry, isMap, isSeq, type LMap, type LNode } from '../parse/tree.js';
import { jsonAppend, jsonSet } from './edit.js';
import { fileIndex } from './launch-hardening.js';

/** One edit replacing a located value token, when its text is exactly what the check read (`true`, `"never"`). */
function replaceToken(model: ProjectModel, node: LNode, expected: RegExp, replace: (raw: string) => string): { file: string; edit: TextEdit } | undefined {
  const index = fileIndex(model, node.loc.file);
  if (!index) return undefined;
  const from = index.offset(node.loc.start);
  const to = index.offset(node.loc.end);
  const raw = index.text.slice(from, to);
  // Anything else (an escaped string, a location that is not the token) is left alone rather than guessed at.
  if (!expected.test(raw)) return undefined;
  return { file: node.loc.file, edit: { offset: from, length: to - from, text: replace(raw) } };
}

/** `enableAllProjectMcpServers: true` → `false`: the value token only. */
export function mcpAutoEnableFix(model: ProjectModel, value: LNode): Fix | undefined {
  const r = replaceToken(model, value, /^true$/, () => 'false');
  return r && { description: `set enableAllProjectMcpServers to false in ${r.file}`, file: r.file, edits: [r.edit], safe: true };
}

/**
 * Codex `approval_policy = "never"` → `"on-request"`, in whichever quotes the file uses (basic, literal or
 * multi-line). `caution`: the rule's reason to only suggest it.
 */
export function codexApprovalFix(model: ProjectModel, value: LNode, caution?: string): Fix | undefined {
  const r = replaceToken(model, value, /^("""|'''|"|')never\1$/, (raw) => raw.replace('never', 'on-request'));
  if (!r) return undefined;
  return { description: `set approval_policy to "on-request" in ${r.file}`, file: r.file, edits: [r.edit], safe: !caution, ...(caution ? { caution } : {}) };
}

/** Why the bypass lock would take away a mode the project chose: the merged settings or a subagent use it. */
function bypassChosen(model: ProjectModel, file: string): string | undefined {
  for (const p of claudePolicies(model)) {
    if (!p.claude.sources.some((s) => s.file === file)) continue;
    const mode = p.claude.get('permissions', 'defaultMode');
    if (scalarOf(mode) === 'bypassPermissions') {
      return `${mode!.file}:${mode!.keyLoc.start.line} sets \`defaultMode: "bypassPermissions"\`, which the lock turns off: the team's chosen mode stops working; decide on the mode first`;
    }
    const sub = (model.agentFiles ?? []).find((a) => a.subagent?.permissionMode?.value === 'bypassPermissions' && projectDir(a.file, a.kind) === p.dir);
    if (sub) return `subagent "${sub.subagent!.name}" (${sub.file}) uses \`permissionMode: bypassPermissions\`, which Claude Code v2.1.223 and later ignore once bypass is disabled: decide on its mode first`;
  }
  return undefined;
}

/** `permissions.disableBypassPermissionsMode: "disable"` in a managed settings file. */
export function bypassLockFix(model: ProjectModel, file: string, tree: LMap): Fix | undefined {
  const index = fileIndex(model, file);
  const perms = entry(tree, 'permissions');
  if (!index || (perms && !isMap(perms.value))) return undefined;
  const edits = jsonSet(index, tree, ['permissions', 'disableBypassPermissionsMode'], 'disable');
  if (!edits.length) return undefined;
  const caution = bypassChosen(model, file);
  return { description: `add permissions.disableBypassPermissionsMode: "disable" to ${file}`, file, edits, safe: !caution, ...(caution ? { caution } : {}) };
}

/**
 * `permissions.deny` entries for secret paths (`Read(./.env)`, `Read(~/.ssh/**)`), appended to the file's
 * `deny` list or in a new one. With the sandbox on, Claude Code applies Read deny rules to the commands it runs
 * too (OS-enforced), so a test run that loads `.env` or git over SSH can fail there: then only a suggestion.
 */
export function secretDenyFix(model: ProjectModel, settings: ClaudeSettings, source: SettingsSource, patterns: string[]): Fix | undefined {
  const index = fileIndex(model, source.file);
  const perms = entry(source.tree, 'permissions');
  const deny = entry(perms?.value, 'deny');
  if (!index || patterns.length === 0 || (perms && !isMap(perms.value)) || (deny && !isSeq(deny.value))) return undefined;
  const edits = jsonAppend(index, source.tree, ['permissions', 'deny'], patterns);
  if (!edits.length) return undefined;
  const caution = sandbox(settings).on
    ? 'the sandbox is on, so Claude Code applies these deny rules to the commands it runs too: a command that reads them (a test run that loads .env, git over SSH) then fails in the sandbox; check what the project runs first'
    : 'with the sandbox off these rules stop only Claude Code\'s Read tool, not a command such as `cat .env` (read-deny-without-sandbox then says so): turn the sandbox on for them to cover commands too';
  return { description: `add ${patterns.join(', ')} to permissions.deny in ${source.file}`, file: source.file, edits, safe: !caution, ...(caution ? { caution } : {}) };
}
