import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { scalar, scopeNote, type SettingsSource } from '../src/model/policy/settings.js';
import { entry } from '../src/parse/tree.js';

/** Keys only a managed source may set (code.claude.com/docs/en/managed-settings#keys-only-a-managed-source-can-set). */
const MANAGED_ONLY: string[][] = [
  ['allowAllClaudeAiMcps'], ['allowedChannelPlugins'], ['allowManagedHooksOnly'], ['allowManagedMcpServersOnly'], ['allowManagedPermissionRulesOnly'],
  ['blockedMarketplaces'], ['channelsEnabled'], ['disableCommandPluginSources'], ['disableSideloadFlags'], ['forceRemoteSettingsRefresh'],
  ['parentSettingsBehavior'], ['pluginSuggestionMarketplaces'], ['pluginTrustMessage'], ['policyHelper'], ['strictKnownMarketplaces'],
  ['strictPluginOnlyCustomization'], ['wslInheritsWindowsSettings'], ['claudeMd'], ['requiredMinimumVersion'], ['requiredMaximumVersion'],
  ['managedMcpServers'], ['sandbox', 'filesystem', 'allowManagedReadPathsOnly'], ['sandbox', 'network', 'allowManagedDomainsOnly'],
  ['sandbox', 'bwrapPath'], ['sandbox', 'socatPath'],
];
/** Keys honoured only from user, managed or --settings: a repository cannot loosen or lock them (settings-reference scopes). */
const NOT_FROM_REPO: string[][] = [
  ['sandbox', 'filesystem', 'disabled'], ['sandbox', 'network', 'strictAllowlist'], ['sandbox', 'network', 'tlsTerminate'],
  ['sandbox', 'allowAppleEvents'], ['sandbox', 'allowNestedUserNamespaces'], ['sandbox', 'ripgrep'], ['autoMode'],
];
/** Codex keys a project config.toml may not set (developers.openai.com/codex/config-basic). */
const CODEX_PROJECT_IGNORED = ['openai_base_url', 'chatgpt_base_url', 'apps_mcp_product_sku', 'model_provider', 'model_providers', 'notify', 'profile', 'profiles', 'experimental_realtime_ws_base_url', 'otel'];

/** Said when the scope was assumed from the file name: how to state it when the assumption is wrong. */
function assumed(s: SettingsSource): string {
  if (s.scopeWhy) return scopeNote(s);
  return s.scope === 'project' ? ' (taken as project settings; if this file is installed as your ~/.claude/settings.json, state that in .agent-sandbox-lint.yaml `scopes`)' : '';
}

export default defineRule({
  id: 'setting-ignored-in-scope',
  title: 'Setting ignored in the file it is written in',
  severity: 'warning',
  securitySeverity: 4.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'codex', 'correctness'],
  docs: `A setting is written in a file whose scope may not set it, so the agent ignores it:
- a managed-only Claude Code key (\`allowManagedPermissionRulesOnly\`, \`allowManagedHooksOnly\`, \`sandbox.network.allowManagedDomainsOnly\`, \`strictKnownMarketplaces\`, \`requiredMinimumVersion\`, …) outside \`managed-settings.json\`;
- a key Claude Code reads only from user, managed or \`--settings\` (\`sandbox.filesystem.disabled\`, \`sandbox.network.strictAllowlist\`, \`sandbox.network.tlsTerminate\`, \`sandbox.allowAppleEvents\`, \`sandbox.allowNestedUserNamespaces\`, \`sandbox.ripgrep\`, \`autoMode\`) in \`.claude/settings.json\` or \`.claude/settings.local.json\`; \`skipDangerousModePermissionPrompt\` or \`autoMemoryDirectory\` in the shared \`.claude/settings.json\`; \`permissions.defaultMode: "auto"\` in a project or local file (ignored since v2.1.142);
- a Codex key that a project's \`.codex/config.toml\` may not set (\`openai_base_url\`, \`model_provider(s)\`, \`notify\`, \`profile(s)\`, \`otel\`, …).

Scope (0.2): a \`.claude/settings.json\` is not always project scope. A dotfiles layout (stow \`claude/.claude/settings.json\`, chezmoi \`dot_claude/settings.json\`, a \`home/\` tree, \`claude/settings.json\` kept outside \`.claude/\`), a folder a launcher mounts as a container's \`~/.claude\`, or the config's \`scopes\` make it user scope, where \`skipDangerousModePermissionPrompt\`, \`autoMemoryDirectory\`, \`defaultMode: "auto"\` and the user-only sandbox keys are honoured: they are not reported as ignored there. \`skipDangerousModePermissionPrompt: true\` in a file taken as user scope from the repository's layout is a **note** saying what it does and which scope was assumed. Messages about project-scope files say the scope was assumed from the file name. Changed because dotfiles repositories were told their own settings were ignored (issue 11 item 5).

Sources: code.claude.com/docs/en/managed-settings#keys-only-a-managed-source-can-set, /settings-reference (scope of each key), /permission-modes (auto mode from project settings); developers.openai.com/codex/config-basic (keys ignored in project config).

## Why it matters
A lock in the wrong file gives a false sense of enforcement (\`allowManagedPermissionRulesOnly\` in a project file locks nothing), and a weakening key in a repository file shows an intent worth a look even where it is ignored.

## How to fix
Move the key to the scope that honours it (managed settings for locks, your user settings for personal choices), or remove it.

Before (\`.claude/settings.json\`):
\`\`\`json
{ "allowManagedPermissionRulesOnly": true }
\`\`\`
After (\`/etc/claude-code/managed-settings.json\`):
\`\`\`json
{ "allowManagedPermissionRulesOnly": true }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      for (const s of p.claude.sources) {
        const at = (path: string[]) => path.reduce<ReturnType<typeof entry>>((e, k, i) => (i === 0 ? entry(s.tree, k) : entry(e?.value, k)), undefined);
        if (s.scope !== 'managed') {
          for (const path of MANAGED_ONLY) {
            const e = at(path);
            if (e) report(e.keyLoc, `\`${path.join('.')}\` only takes effect in managed settings; in ${s.file}${scopeNote(s)} it is ignored and locks nothing. Move it to managed-settings.json.`);
          }
        }
        if (s.scope === 'project' || s.scope === 'local') {
          for (const path of NOT_FROM_REPO) {
            const e = at(path);
            if (e) report(e.keyLoc, `\`${path.join('.')}\` is honoured only from user, managed or --settings files; in ${s.file}${assumed(s)} Claude Code ignores it. Move it to your user settings if you need it.`);
          }
          const mode = at(['permissions', 'defaultMode']);
          if (mode && scalar(mode.value) === 'auto') report(mode.value.loc, `\`defaultMode: "auto"\` in ${s.file}${assumed(s)} is ignored (Claude Code v2.1.142 and later take auto mode only from user, managed or --settings): the session starts in the default mode.`);
        }
        if (s.scope === 'project') {
          for (const k of ['skipDangerousModePermissionPrompt', 'autoMemoryDirectory']) {
            const e = at([k]);
            if (e) report(e.keyLoc, `\`${k}\` in the shared ${s.file}${assumed(s)} is ignored: Claude Code reads it only from user, local or managed settings, so a repository cannot set it.`);
          }
        }
        if (s.scope === 'user' && s.scopeWhy) {
          // Honoured here: say what it does, and that the scope was read from the repository's layout.
          const skip = at(['skipDangerousModePermissionPrompt']);
          if (skip && scalar(skip.value) === true) report(skip.keyLoc, `\`skipDangerousModePermissionPrompt: true\` is honoured in ${s.file}${scopeNote(s)}: \`--dangerously-skip-permissions\` and bypass mode start without their warning dialog. That is your choice to make in your own settings; were this file a project's shared settings, Claude Code would ignore it.`, { severity: 'note' });
        }
      }
    }
    for (const p of model.policies) {
      for (const cfg of p.codex) {
        if (cfg.scope !== 'project') continue;
        for (const e of cfg.tree.entries) {
          if (CODEX_PROJECT_IGNORED.includes(e.key)) report(e.keyLoc, `\`${e.key}\` in the project config ${cfg.file} is ignored: Codex reads it only from the user's config.toml. Move it there, or remove it.`);
        }
      }
    }
  },
});
