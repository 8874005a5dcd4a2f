import { defineRule } from '../src/rule.js';
import type { Report } from '../src/rule.js';
import { claudePolicies, sandbox } from '../src/model/policy/facts.js';
import { scalar, scalarOf, type ClaudeSettings } from '../src/model/policy/settings.js';

/** Excluded commands that reach the host or another machine: running them outside the sandbox undoes it. */
const ESCAPE_COMMANDS = /^(?:sudo|su|doas|docker|podman|nerdctl|kubectl|helm|ssh|scp|rsync|bash|sh|zsh|fish|dash|python[0-9.]*|node|npm|npx|pnpm|yarn|bun|make|env|eval|nc|socat|gcloud|aws|az|terraform|\*)$/;
const ENGINE_SOCKET = /(?:docker|podman|containerd|buildkitd|cri-dockerd|libvirt-sock)(?:\.sock)?$|\/var\/run\/docker|\/run\/user\/\d+\/podman/;

/**
 * What of the agent's own configuration a writable path covers: `~/.claude` (user settings, hooks and helper
 * scripts, CLAUDE.md, agents, commands), `~/.codex`, or the whole home (both, and the shell start-up files).
 * A path inside the project (`.claude/`) is already a working directory and adds nothing.
 */
function ownConfig(raw: string): string | undefined {
  const p = raw.trim().replace(/^\/\/(?=\/|$)/, '/').replace(/\/\*\*$/, '').replace(/\/+$/, '') || '/';
  const home = /^(?:~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/*]+|\/Users\/[^/*]+)$/;
  if (p === '/' || home.test(p)) return 'your whole home folder, with ~/.claude, ~/.codex and the shell start-up files in it';
  const m = /^(?:~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/*]+|\/Users\/[^/*]+)\/\.(claude|codex)(?:\/|$)/.exec(p);
  if (!m) return undefined;
  return m[1] === 'claude' ? "~/.claude, Claude Code's own user configuration" : "~/.codex, Codex's own configuration";
}

const UNPROMPTED_EDITS = new Set(['acceptEdits', 'bypassPermissions', 'auto']);

/** The agent's own configuration made writable: it can rewrite the rules and hooks that bound it (issue 11 item 10). */
function selfModifying(c: ClaudeSettings, report: Report): void {
  const mode = scalarOf(c.get('permissions', 'defaultMode'));
  const unprompted = typeof mode === 'string' && UNPROMPTED_EDITS.has(mode);
  for (const i of c.list('permissions', 'additionalDirectories')) {
    const what = i.value ? ownConfig(i.value) : undefined;
    if (!what) continue;
    const how = unprompted ? `in \`${mode}\` mode without asking` : 'after a prompt (a default-mode session asks before each edit)';
    report(i.loc, `\`${i.value}\` in permissions.additionalDirectories (${i.file}) covers ${what}: the agent's file tools can edit it ${how}, so it can rewrite its own settings, hooks and helper scripts, which then run unsandboxed and outside every permission rule at the next start. Remove it, and add only the folder the work needs.`, { severity: unprompted ? 'warning' : 'note' });
  }
  if (!sandbox(c).on) return;
  for (const i of c.list('sandbox', 'filesystem', 'allowWrite')) {
    const what = i.value ? ownConfig(i.value) : undefined;
    if (!what) continue;
    report(i.loc, `\`${i.value}\` in sandbox.filesystem.allowWrite (${i.file}) lets sandboxed commands write ${what}. Claude Code keeps its settings files read-only in the sandbox, but not the hook and status-line scripts those settings run, nor Codex's config or your shell start-up files: what a command writes there runs outside the sandbox later. Remove it, and allow only the folder the work needs.`);
  }
}

export default defineRule({
  id: 'sandbox-escape-hatch',
  title: 'Sandbox opened, or the agent can rewrite its own configuration',
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'sandbox', 'CWE-693'],
  docs: `The agent can rewrite its own configuration, or the Claude Code sandbox is on but a setting opens a way around it.

Self-modifying policy (0.2; this rule, not \`host-exec-path-writable\`, which is about what a container's mounts let the agent plant on the host):
- \`permissions.additionalDirectories\` naming \`~/.claude\`, \`~/.codex\`, the home folder (\`~\`, \`$HOME\`, \`/home/<user>\`, \`/root\`) or \`/\`: the file tools may edit the agent's own settings, hooks, helper scripts, agents and commands. A **warning** when \`defaultMode\` is \`acceptEdits\`, \`bypassPermissions\` or \`auto\` (edits there are not asked about), a **note** otherwise (each edit prompts);
- with the sandbox on, \`sandbox.filesystem.allowWrite\` naming the same places: sandboxed commands may write them. Claude Code always adds its settings files to the sandbox's write denials (@anthropic-ai/claude-code 2.1.197, the settings-to-sandbox conversion), but not the scripts those settings run, Codex's config or the shell start-up files.
Hooks and helper commands run unsandboxed and outside every permission rule (code.claude.com/docs/en/hooks#security-considerations), so what the agent writes there is code it runs later with no boundary. A folder inside the project (\`.claude/\`) is already a working directory and is not reported. Added in 0.2 (issue 11 item 10).

Sandbox escape hatches:
- \`sandbox.allowUnsandboxedCommands: true\`: the model may retry a blocked command with \`dangerouslyDisableSandbox\`; in bypass mode that retry is not even prompted (it is also the default; set \`false\` for strict mode);
- \`sandbox.excludedCommands\` with \`docker\`, \`kubectl\`, \`ssh\`, \`sudo\`, shells, interpreters or \`*\`: those run on the host with no isolation ("a convenience, not a security boundary"; the list merges across files with no managed lock);
- \`sandbox.network.allowUnixSockets\` with a container engine socket ("effectively grants access to the host system"; macOS only) or \`allowAllUnixSockets: true\` (on Linux it turns off seccomp's Unix-socket blocking);
- \`sandbox.enableWeakerNestedSandbox: true\` (Linux: host \`/proc\` visible; "considerably weakens security") or \`enableWeakerNetworkIsolation: true\` (macOS: a trustd exfiltration path).

Sources: code.claude.com/docs/en/sandboxing (escape hatch, security limitations), /settings-reference#sandbox-settings; @anthropic-ai/sandbox-runtime 0.0.83 README. The docs of ~v2.1.240 say a compound command runs unsandboxed when any part matches \`excludedCommands\`; v2.1.331 requires every part to match.

## Why it matters
An agent that can run \`docker\` outside the sandbox can mount the host's disk; one that can use the engine socket from inside is root on the host. The sandbox then only looks like one.

## How to fix
Remove the escape and let the blocked command prompt, or run that tool in a separate, reviewed step.

Before:
\`\`\`json
{ "sandbox": { "enabled": true, "excludedCommands": ["docker *"], "allowUnsandboxedCommands": true } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "enabled": true, "allowUnsandboxedCommands": false } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const c = p.claude;
      selfModifying(c, report);
      if (!sandbox(c).on) continue;
      for (const { source, entry } of c.each('sandbox', 'allowUnsandboxedCommands')) {
        if (scalar(entry.value) === true) report(entry.value.loc, `\`sandbox.allowUnsandboxedCommands: true\` in ${source.file}: the agent may rerun any blocked command outside the sandbox with \`dangerouslyDisableSandbox\` (unprompted in bypass mode). Set it to false so the sandbox is a boundary.`);
      }
      for (const i of c.list('sandbox', 'excludedCommands')) {
        const prog = (i.value ?? '').trim().replace(/:\*$/, '').split(/[\s*]+/)[0] || (i.value?.trim() === '*' ? '*' : '');
        if (ESCAPE_COMMANDS.test(prog)) report(i.loc, `\`${i.value}\` in sandbox.excludedCommands (${i.file}) runs \`${prog}\` outside the sandbox, with the user's full access to the host${/^(?:docker|podman|nerdctl|kubectl|helm)$/.test(prog) ? ' and its container engine' : ''}. Remove it; let that command prompt instead.`);
      }
      for (const i of c.list('sandbox', 'network', 'allowUnixSockets')) {
        if (i.value && ENGINE_SOCKET.test(i.value)) report(i.loc, `\`${i.value}\` in sandbox.network.allowUnixSockets (${i.file}) hands sandboxed commands a container engine socket: that is root on the host. Remove it.`);
      }
      for (const [path, why] of [
        [['sandbox', 'network', 'allowAllUnixSockets'], 'lets sandboxed commands open any Unix socket (on Linux it turns off seccomp socket blocking), a container engine socket included'],
        [['sandbox', 'enableWeakerNestedSandbox'], 'skips the fresh /proc mount, so the host /proc is readable from the sandbox ("considerably weakens security")'],
        [['sandbox', 'enableWeakerNetworkIsolation'], 'allows the macOS trustd service from the sandbox, a possible exfiltration path'],
      ] as [string[], string][]) {
        for (const { source, entry } of c.each(...path)) {
          if (scalar(entry.value) === true) report(entry.value.loc, `\`${path.join('.')}: true\` in ${source.file} ${why}. Remove it unless the environment cannot run the sandbox otherwise, and then isolate it another way.`);
        }
      }
    }
  },
});
