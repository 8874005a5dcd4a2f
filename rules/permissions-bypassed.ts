import { defineRule } from '../src/rule.js';
import { isolationGap } from '../src/model/policy/isolation.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { scalar, scalarOf } from '../src/model/policy/settings.js';
import { agentFlags, judgeContext } from '../src/model/policy/agent-cli.js';
import { projectDir } from '../src/model/agent-policy.js';

export default defineRule({
  id: 'permissions-bypassed',
  title: "Agent's permission checks are bypassed",
  severity: 'error',
  securitySeverity: 8.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'CWE-862'],
  docs: `The agent runs without asking before it acts: Claude Code \`permissions.defaultMode: "bypassPermissions"\` in a settings file, or an agent started with \`claude --dangerously-skip-permissions\`, \`--allow-dangerously-skip-permissions\`, \`--permission-mode bypassPermissions\`, \`codex --dangerously-bypass-approvals-and-sandbox\` or \`--yolo\` in any command (scripts, Dockerfile \`RUN\`/\`CMD\`/\`ENTRYPOINT\`, compose \`command\`, devcontainer lifecycle commands, hooks; also through \`npx @anthropic-ai/claude-code\`). \`codex --full-auto\` (workspace-write sandbox, approvals on request) is not a bypass.

A command is judged where it runs: on the host an error; inside a container that passes the isolation rules (not privileged, \`cap_drop: [ALL]\`, no engine socket, no host namespace, no sensitive or credential mount) a note, since that is the documented way to run an agent unattended; in a container that fails them an error; in a container whose launch is not in the scan (a Dockerfile alone) a warning. Bypass mode skips every prompt and the protected-path checks; only \`deny\` and \`ask\` rules still apply.

Versions: in \`.claude/settings.json\` and \`.claude/settings.local.json\` Claude Code honours the value before v2.1.257 and ignores it from v2.1.257 on ("only policy/user/flag settings may grant bypass mode"); in user and managed settings it is honoured. Before v2.1.53 a project's bypass mode also skipped the workspace trust dialog (GHSA-mmgp-wc2j-qcv7). A \`permissions.disableBypassPermissionsMode: "disable"\` in any merged file turns the mode off, and the rule stays quiet.

Sources: code.claude.com/docs/en/permission-modes, /cli-reference, /devcontainer (skip permissions only in an isolated container); developers.openai.com/codex/cli/reference; the ignore message in @anthropic-ai/claude-code 2.1.331; anthropics/claude-code#91296.

A subagent (\`.claude/agents/*.md\`, 0.2, issue 12) with \`permissionMode: bypassPermissions\` in its frontmatter: an error when it has no \`tools\` list (it inherits every tool) or its tools include Bash, PowerShell, Write, Edit, WebFetch, WebSearch, Task/Agent or MCP tools; a warning when its tools only read; a note when the merged settings hold \`permissions.disableBypassPermissionsMode: "disable"\` (Claude Code ignores the subagent's mode then, since v2.1.223). The mode has no trust gate of its own: a trusted session that delegates to the subagent gets a child that asks nothing. Source: code.claude.com/docs/en/sub-agents (anchors/agent-surfaces.md §1.2).

The Claude Code VS Code extension (settings from code.claude.com/docs/en/vs-code): \`claudeCode.initialPermissionMode: "bypassPermissions"\` in a devcontainer's \`customizations.vscode.settings\` is an error (VS Code writes those into the container's machine settings, which the extension reads like user settings; it has ignored the key in workspace \`.vscode/settings.json\` since v2.1.225), and \`claudeCode.allowDangerouslySkipPermissions: true\` there is a warning (it puts bypass mode in the mode picker). Both are notes when the dev container passes the isolation checks. In a repository's \`.vscode/settings.json\` both are warnings: the extension has read \`initialPermissionMode\` from user settings only since v2.1.225 (older versions honour it from the workspace), and the workspace scope of \`allowDangerouslySkipPermissions\` is not documented (0.2, issue 11).

## Why it matters
A prompt injection in a README, an issue or a dependency then runs whatever it asks for, with the user's rights, without a prompt. A repository that ships bypass mode turns every older Claude Code that opens it into an unattended agent.

## How to fix
Keep the default mode and allow the commands the work needs; run unattended agents only in an isolated container, and lock the mode off in managed settings.

Before:
\`\`\`json
{ "permissions": { "defaultMode": "bypassPermissions" } }
\`\`\`
After:
\`\`\`json
{ "permissions": { "defaultMode": "acceptEdits", "allow": ["Bash(npm run test:*)"], "disableBypassPermissionsMode": "disable" } }
\`\`\``,
  check(model, report) {
    for (const f of agentFlags(model.commands ?? [])) {
      // In CI the workflow rules judge it (ci-agent-safety-off), with who can start the run.
      if (f.kind !== 'bypass' || f.command.context === 'ci') continue;
      const j = judgeContext(f.command);
      const what = f.agent === 'claude' ? 'Claude Code runs every tool without asking' : 'Codex runs with no sandbox and no approvals';
      const fix = j.severity === 'note'
        ? 'Keep the container isolated (no socket, no credential mounts) and its egress restricted.'
        : 'Run it only inside an isolated container (capabilities dropped, no engine socket or credential mounts, restricted egress), or drop the flag.';
      report(f.word.loc, `\`${f.agent} ${f.text}\` ${j.where}: ${what}, so a prompt injection executes unreviewed. ${fix}`, { severity: j.severity });
    }
    // The Claude Code VS Code extension (code.claude.com/docs/en/vs-code): a dev container's settings are the
    // container's machine settings, read like user settings, so they are honoured in every version.
    for (const l of model.launches) {
      for (const s of l.ideSettings) {
        const bypass = s.key === 'claudeCode.initialPermissionMode' && s.value === 'bypassPermissions';
        const allow = s.key === 'claudeCode.allowDangerouslySkipPermissions' && s.value === 'true';
        if (!bypass && !allow) continue;
        const gap = isolationGap(l);
        const where = gap ? `${l.name} does not isolate it: ${gap}` : `${l.name} passes the isolation checks, so this is a note`;
        const what = bypass
          ? 'the Claude Code extension starts every session in bypass mode: it runs every tool without asking, so a prompt injection executes unreviewed'
          : 'the Claude Code extension offers bypass mode in its mode picker, one click from running every tool without asking';
        report(s.loc, `\`"${s.key}": ${bypass ? '"bypassPermissions"' : 'true'}\` in ${l.name}'s customizations.vscode.settings: ${what}. VS Code applies these as the container's machine settings, which the extension honours. ${where}. Remove it, or keep the container isolated with restricted egress.`, { severity: gap ? (bypass ? 'error' : 'warning') : 'note' });
      }
    }
    // A repository's .vscode/settings.json: the extension reads initialPermissionMode from user settings only
    // since v2.1.225; the workspace scope of allowDangerouslySkipPermissions is not documented.
    for (const s of model.workspaceIdeSettings ?? []) {
      if (s.key === 'claudeCode.initialPermissionMode' && s.value === 'bypassPermissions') {
        report(s.loc, `\`"claudeCode.initialPermissionMode": "bypassPermissions"\` in ${s.file}: the Claude Code extension before v2.1.225 starts every session from this repository in bypass mode, running every tool without asking (later versions read the key from user settings only). Remove it; choose the mode per user.`, { severity: 'warning' });
      } else if (s.key === 'claudeCode.allowDangerouslySkipPermissions' && s.value === 'true') {
        report(s.loc, `\`"claudeCode.allowDangerouslySkipPermissions": true\` in ${s.file}: a repository asks the Claude Code extension to offer bypass mode (whether a workspace file may set it is not documented). Remove it; a user who wants bypass mode can turn it on in user settings, in a sandbox.`, { severity: 'warning' });
      }
    }
    for (const p of claudePolicies(model)) {
      const c = p.claude;
      if (scalarOf(c.get('permissions', 'disableBypassPermissionsMode')) === 'disable') continue;
      for (const { source, entry } of c.each('permissions', 'defaultMode')) {
        if (scalar(entry.value) !== 'bypassPermissions') continue;
        const repo = source.scope === 'project' || source.scope === 'local';
        const versions = repo
          ? 'Claude Code before v2.1.257 honours it from this repository file (later versions ignore it and start in Manual mode; before v2.1.53 it also skipped the trust dialog)'
          : `Claude Code honours it from ${source.scope} settings`;
        report(entry.value.loc, `\`permissions.defaultMode: "bypassPermissions"\` in ${source.file}: the agent runs every tool without asking, so a prompt injection executes unreviewed. ${versions}. Use \`default\` or \`acceptEdits\` with specific allow rules, and set \`permissions.disableBypassPermissionsMode: "disable"\`.`);
      }
    }
    // A subagent's `permissionMode` has no trust gate: a trusted session that delegates to it gets a child
    // that asks nothing (code.claude.com/docs/en/sub-agents). Bypass disabled in the merged settings wins
    // since v2.1.223.
    for (const a of model.agentFiles ?? []) {
      const sub = a.subagent;
      if (!sub?.permissionMode || sub.permissionMode.value !== 'bypassPermissions') continue;
      const policy = claudePolicies(model).find((p) => p.dir === projectDir(a.file, a.kind));
      const disabled = policy && scalarOf(policy.claude.get('permissions', 'disableBypassPermissionsMode')) === 'disable';
      const tools = sub.tools?.names;
      const wide = !tools || tools.some((t) => /^(?:Bash|PowerShell|WebFetch|WebSearch|Write|Edit|Task|Agent|mcp__)/.test(t) || t === '*');
      const reach = !tools ? 'it has no `tools` list, so it inherits every tool of the session (shell, web, MCP)' : wide ? `its tools include ${tools.filter((t) => /^(?:Bash|PowerShell|WebFetch|WebSearch|Write|Edit|Task|Agent|mcp__)/.test(t) || t === '*').join(', ')}` : `its tools (${tools.join(', ')}) only read`;
      const severity = disabled ? 'note' : wide ? 'error' : 'warning';
      const gate = disabled ? ` \`disableBypassPermissionsMode: "disable"\` in ${policy!.claude.sources.map((x) => x.file).join(', ')} makes Claude Code v2.1.223 and later ignore it (earlier versions still apply it).` : ' No trust prompt guards it: any session that delegates to this subagent gets a child that asks nothing (unless the session itself is in auto mode).';
      report(sub.permissionMode.loc, `\`permissionMode: bypassPermissions\` in subagent "${sub.name}" (${a.file}): the subagent runs every tool without asking, and ${reach}.${gate} Remove it, or give the subagent only read tools.`, { severity });
    }
  },
});
