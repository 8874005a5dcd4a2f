import { defineRule } from '../src/rule.js';
import { entry, get, isMap, str, truthy, type LMap } from '../src/parse/tree.js';

export default defineRule({
  id: 'codex-secrets-inherited',
  title: "Codex passes secret environment variables to the model's commands",
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'credentials',
  opens: true,
  tags: ['security', 'agent-policy', 'codex', 'secrets', 'CWE-526'],
  docs: `Codex \`[shell_environment_policy]\` sets \`ignore_default_excludes = true\` while \`inherit\` is \`"all"\` (or not set): Codex then keeps the variables whose names contain \`KEY\`, \`SECRET\` or \`TOKEN\` in the environment of every command the model runs, instead of dropping them.

Source: developers.openai.com/codex/config-reference (\`shell_environment_policy\`), \`codex-rs/core/config.schema.json\`.

## Why it matters
The model's commands are what a prompt injection controls: \`env\` or \`printenv\` then prints cloud keys and tokens for it to send out.

## How to fix
Before:
\`\`\`toml
[shell_environment_policy]
ignore_default_excludes = true
\`\`\`
After:
\`\`\`toml
[shell_environment_policy]
inherit = "core"
include_only = ["PATH", "HOME", "LANG"]
\`\`\``,
  check(model, report) {
    const check = (map: LMap, where: string, file: string) => {
      const pol = get(map, 'shell_environment_policy');
      if (!isMap(pol)) return;
      const ignore = entry(pol, 'ignore_default_excludes');
      const inherit = str(get(pol, 'inherit')) ?? 'all';
      if (!ignore || !truthy(ignore.value) || inherit !== 'all') return;
      report(ignore.value.loc, `\`shell_environment_policy.ignore_default_excludes = true\` with \`inherit = "all"\` (${where} of ${file}): variables named *KEY*, *SECRET*, *TOKEN* reach every command the model runs, where a prompt injection can print them. Remove it, or set \`inherit = "core"\` with an \`include_only\` list.`);
    };
    for (const p of model.policies) {
      for (const cfg of p.codex) {
        check(cfg.tree, 'the top level', cfg.file);
        const profiles = get(cfg.tree, 'profiles');
        if (isMap(profiles)) for (const pr of profiles.entries) if (isMap(pr.value)) check(pr.value, `profile "${pr.key}"`, cfg.file);
      }
    }
  },
});
