import { codexApprovalFix } from '../src/fix/settings-fixes.js';
import { defineRule } from '../src/rule.js';
import { entry, get, isMap, str, truthy, type LMap, type LNode } from '../src/parse/tree.js';
import { agentFlags, judgeContext, type AgentFlag } from '../src/model/policy/agent-cli.js';
import type { Severity } from '../src/types.js';
import { anchorDir } from '../src/shard.js';

/** The top level and every `[profiles.<name>]`: each is a complete set of these keys. */
function layers(tree: LMap): { name: string; map: LMap }[] {
  const out = [{ name: 'the top level', map: tree }];
  const profiles = get(tree, 'profiles');
  if (isMap(profiles)) for (const p of profiles.entries) if (isMap(p.value)) out.push({ name: `profile "${p.key}"`, map: p.value });
  return out;
}

/** A layer's own value, or the top level's for a profile that does not set it (a profile overrides the top level key by key). */
function layerValue(layer: LMap, top: LMap, key: string, sub?: string): LNode | undefined {
  const at = (m: LMap) => (sub ? entry(get(m, key), sub) : entry(m, key))?.value;
  return at(layer) ?? (layer === top ? undefined : at(top));
}

/**
 * How bad "never ask" is, by what the commands it never asks about can do (developers.openai.com/codex/agent-approvals-security):
 * with no sandbox anything on the machine (error); in workspace-write with network on, anything in the workspace
 * and any host (warning); otherwise only what the sandbox allows (note).
 */
function judgeNever(layer: LMap, top: LMap, flagged: AgentFlag | undefined): { severity: Severity; what: string; fix: string } {
  const mode = str(layerValue(layer, top, 'sandbox_mode'));
  const perms = str(layerValue(layer, top, 'default_permissions')) ?? '';
  const fix = 'Use `approval_policy = "on-request"` so it asks before leaving the sandbox.';
  if (mode === 'danger-full-access' || /^:danger-(?:no-sandbox|full-access)$/.test(perms)) {
    return { severity: 'error', what: ` and has no sandbox (${mode === 'danger-full-access' ? '`sandbox_mode = "danger-full-access"`' : `\`default_permissions = "${perms}"\``}): a prompt injection runs anything with your full access.`, fix };
  }
  if (flagged) {
    return { severity: 'error', what: `, and \`codex ${flagged.text}\` (${flagged.word.loc.file}:${flagged.word.loc.start.line}) runs it with no sandbox: a prompt injection runs anything with your full access.`, fix };
  }
  const net = layerValue(layer, top, 'sandbox_workspace_write', 'network_access');
  if (mode !== 'read-only' && net && truthy(net)) {
    return { severity: 'warning', what: ' and its sandboxed commands reach the network (`network_access = true`): what a prompt injection runs can send the workspace anywhere.', fix: `${fix} Or turn network access off.` };
  }
  const box = mode === 'read-only' ? 'the read-only sandbox' : `the ${mode ? `\`${mode}\`` : 'default'} sandbox without network access`;
  return { severity: 'note', what: `; commands stay inside ${box}, and what fails there fails instead of asking.`, fix: 'Fine for unattended runs; keep the sandbox and network settings as they are.' };
}

export default defineRule({
  id: 'codex-sandbox-disabled',
  title: 'Codex runs without its sandbox',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'very-high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'codex', 'sandbox', 'CWE-693'],
  docs: `Codex's OS sandbox is off or opened in \`config.toml\` (\`.codex/config.toml\` of a project, or a \`codex/config.toml\` kept in a dotfiles repository), at the top level or in a \`[profiles.<name>]\`:
- error: \`sandbox_mode = "danger-full-access"\`, or \`default_permissions = ":danger-no-sandbox"\` (also spelled \`":danger-full-access"\`): model-run commands have no sandbox at all;
- warning: \`[sandbox_workspace_write] network_access = true\` (the default is false): sandboxed commands reach the network;
- \`approval_policy = "never"\`, reported on its own line (0.2): an **error** together with \`sandbox_mode = "danger-full-access"\` (or \`default_permissions = ":danger-no-sandbox"\`, or a launch in the same folder as the config (a script beside \`.codex/\`) with \`--dangerously-bypass-approvals-and-sandbox\`/\`--yolo\`/\`--sandbox danger-full-access\` outside an isolated container); a **warning** with \`workspace-write\` and \`network_access = true\`; a **note** alone (the sandbox still bounds what runs, and what it blocks fails instead of asking). A profile inherits \`sandbox_mode\` and \`network_access\` from the top level when it does not set them.

Changed in 0.2: \`approval_policy = "never"\` was reported only together with network access. Turning approvals off is the other half of "no sandbox": with \`danger-full-access\` nothing is left between a prompt injection and your machine (developers.openai.com/codex/agent-approvals-security: \`--dangerously-bypass-approvals-and-sandbox\` is exactly these two settings), so it is now its own finding at the level of what the sandbox still bounds. It stays in this rule (no new rule id) because it is judged together with the sandbox settings; \`network_access = true\` is still reported on its own line. User scope is read from a dotfiles layout (\`codex/.codex/config.toml\`, \`home/.codex/config.toml\`, chezmoi \`dot_codex/config.toml\`) and named in the message.

On the command line (any script, Dockerfile, compose or devcontainer command): \`codex -s danger-full-access\`, \`--sandbox danger-full-access\`, \`-c sandbox_mode=danger-full-access\`, \`-c default_permissions=":danger-no-sandbox"\`, judged where it runs: an error on the host, a note inside a container that passes the isolation rules, a warning where the container's launch is not in the scan. (\`--yolo\` is reported by \`permissions-bypassed\`.)

A project's \`.codex/config.toml\` takes effect once the user trusts the project, and then sets these keys for everyone who does.

Sources: developers.openai.com/codex/config-reference, /codex/agent-approvals-security; \`codex-rs/core/config.schema.json\` (openai/codex). Codex's own docs accept \`danger-full-access\` only inside a container or VM boundary with trusted repositories.

## Why it matters
Without the sandbox, a prompt injection in the repository runs with the user's full access; with network on and approvals off, it also sends what it finds wherever it likes.

## Autofix
\`--fix\` sets \`approval_policy = "never"\` to \`"on-request"\` (top level and in \`[profiles.x]\`), keeping the file's quotes and comments. The sandbox settings are left to you: widening or narrowing what the sandbox allows changes what the agent can do.

## How to fix
Before:
\`\`\`toml
sandbox_mode = "danger-full-access"
approval_policy = "never"
\`\`\`
After:
\`\`\`toml
sandbox_mode = "workspace-write"
approval_policy = "on-request"

[sandbox_workspace_write]
network_access = false
\`\`\``,
  check(model, report) {
    const codexFlags = agentFlags(model.commands ?? []).filter((f) => f.agent === 'codex' && f.command.context !== 'ci');
    // A launch in the same folder as the config (the unit shards keep together, so a split scan agrees) that
    // turns the sandbox off, outside an isolated container.
    const sandboxOffBeside = (file: string) =>
      codexFlags.find((f) => (f.kind === 'sandbox-off' || f.text === '--dangerously-bypass-approvals-and-sandbox' || f.text === '--yolo') && anchorDir(f.word.loc.file, 'shell') === anchorDir(file, 'codex-config') && judgeContext(f.command).severity !== 'note');
    for (const f of codexFlags) {
      if (f.kind !== 'sandbox-off') continue;
      const j = judgeContext(f.command);
      report(f.word.loc, `\`codex ${f.text}\` ${j.where}: model commands run with no sandbox and the full access of that environment. ${j.severity === 'note' ? 'Keep the container isolated and its egress restricted.' : 'Use `--sandbox workspace-write`, or run it only inside an isolated container.'}`, { severity: j.severity });
    }
    for (const p of model.policies) {
      for (const cfg of p.codex) {
        for (const layer of layers(cfg.tree)) {
          const mode = entry(layer.map, 'sandbox_mode');
          if (str(mode?.value) === 'danger-full-access') {
            report(mode!.value.loc, `\`sandbox_mode = "danger-full-access"\` (${layer.name} of ${cfg.file}): Codex runs every model command with no sandbox and your full access. Use \`workspace-write\`, and run fully open only inside an isolated container.`);
          }
          const perms = entry(layer.map, 'default_permissions');
          if (/^:danger-(?:no-sandbox|full-access)$/.test(str(perms?.value) ?? '')) {
            report(perms!.value.loc, `\`default_permissions = "${str(perms!.value)}"\` (${layer.name} of ${cfg.file}) turns Codex's sandbox off. Use \`:workspace\`, and run fully open only inside an isolated container.`);
          }
          const net = entry(get(layer.map, 'sandbox_workspace_write'), 'network_access');
          const readOnly = str(mode?.value) === 'read-only';
          if (net && truthy(net.value) && !readOnly) {
            report(net.value.loc, `\`[sandbox_workspace_write] network_access = true\` (${layer.name} of ${cfg.file}): sandboxed commands reach the network, so a prompt injection can download tools or send data out. Leave it false and allow network per command when asked.`, { severity: 'warning' });
          }
          const approval = entry(layer.map, 'approval_policy');
          if (str(approval?.value) === 'never') {
            const j = judgeNever(layer.map, cfg.tree, sandboxOffBeside(cfg.file));
            report(approval!.value.loc, `\`approval_policy = "never"\` (${layer.name} of ${cfg.file}${cfg.scopeWhy ? `; user scope: ${cfg.scopeWhy}` : ''}): Codex never asks before a command${j.what} ${j.fix}`, { severity: j.severity, fix: codexApprovalFix(model, approval!.value) });
          }
        }
      }
    }
  },
});
