import { defineRule } from '../src/rule.js';
import { entry, get, isMap, str, truthy, type LMap } from '../src/parse/tree.js';
import { agentFlags, judgeContext } from '../src/model/policy/agent-cli.js';

/** The top level and every `[profiles.<name>]`: each is a complete set of these keys. */
function layers(tree: LMap): { name: string; map: LMap }[] {
  const out = [{ name: 'the top level', map: tree }];
  const profiles = get(tree, 'profiles');
  if (isMap(profiles)) for (const p of profiles.entries) if (isMap(p.value)) out.push({ name: `profile "${p.key}"`, map: p.value });
  return out;
}

export default defineRule({
  id: 'codex-sandbox-disabled',
  title: 'Codex runs without its sandbox',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'very-high',
  tags: ['security', 'agent-policy', 'codex', 'sandbox', 'CWE-693'],
  docs: `Codex's OS sandbox is off or opened in \`config.toml\` (\`.codex/config.toml\` of a project, or a \`codex/config.toml\` kept in a dotfiles repository), at the top level or in a \`[profiles.<name>]\`:
- error: \`sandbox_mode = "danger-full-access"\`, or \`default_permissions = ":danger-no-sandbox"\` (also spelled \`":danger-full-access"\`): model-run commands have no sandbox at all;
- warning: \`[sandbox_workspace_write] network_access = true\` (the default is false): sandboxed commands reach the network;
- warning: \`approval_policy = "never"\` together with network access: the agent never asks, and what it runs can send data out.

On the command line (any script, Dockerfile, compose or devcontainer command): \`codex -s danger-full-access\`, \`--sandbox danger-full-access\`, \`-c sandbox_mode=danger-full-access\`, \`-c default_permissions=":danger-no-sandbox"\`, judged where it runs: an error on the host, a note inside a container that passes the isolation rules, a warning where the container's launch is not in the scan. (\`--yolo\` is reported by \`permissions-bypassed\`.)

A project's \`.codex/config.toml\` takes effect once the user trusts the project, and then sets these keys for everyone who does.

Sources: developers.openai.com/codex/config-reference, /codex/agent-approvals-security; \`codex-rs/core/config.schema.json\` (openai/codex). Codex's own docs accept \`danger-full-access\` only inside a container or VM boundary with trusted repositories.

## Why it matters
Without the sandbox, a prompt injection in the repository runs with the user's full access; with network on and approvals off, it also sends what it finds wherever it likes.

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
    for (const f of agentFlags(model.commands ?? [])) {
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
          const topNet = layer.map === cfg.tree ? undefined : entry(get(cfg.tree, 'sandbox_workspace_write'), 'network_access');
          const networkOn = (net && truthy(net.value)) || (topNet && truthy(topNet.value));
          if (str(approval?.value) === 'never' && networkOn && str(mode?.value) !== 'danger-full-access') {
            report(approval!.value.loc, `\`approval_policy = "never"\` with network access on (${layer.name} of ${cfg.file}): Codex never asks, and what it runs can reach any host. Use \`on-request\`, or turn network access off.`, { severity: 'warning' });
          }
        }
      }
    }
  },
});
