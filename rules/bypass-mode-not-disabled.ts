import { defineRule } from '../src/rule.js';
import { scopeOf } from '../src/model/policy/settings.js';
import { entry, get, isMap, str } from '../src/parse/tree.js';
import { bypassLockFix } from '../src/fix/settings-fixes.js';

export default defineRule({
  id: 'bypass-mode-not-disabled',
  title: 'Managed settings leave bypass mode available',
  severity: 'warning',
  securitySeverity: 5.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code'],
  docs: `A Claude Code \`managed-settings.json\` (the organisation's policy, installed at \`/etc/claude-code/\`, \`/Library/Application Support/ClaudeCode/\` or \`C:\\Program Files\\ClaudeCode\\\`) does not set \`permissions.disableBypassPermissionsMode: "disable"\`. Users can then start \`claude --dangerously-skip-permissions\` or switch to bypass mode, and before v2.1.257 a repository could turn it on from its own settings.

Sources: code.claude.com/docs/en/managed-settings, /settings-reference (\`disableBypassPermissionsMode\`, which works from any file and is most useful in managed settings; since v2.1.223 it also rejects an agent's \`permissionMode\` frontmatter).

## Why it matters
Managed settings are the one place a team can make "the agent asks before it acts" hold on every machine. Without the lock, one flag undoes it.

## How to fix
Before:
\`\`\`json
{ "permissions": { "deny": ["Read(~/.ssh/**)"] } }
\`\`\`
After:
\`\`\`json
{ "permissions": { "deny": ["Read(~/.ssh/**)"], "disableBypassPermissionsMode": "disable" } }
\`\`\`

## Autofix
\`--fix\` adds \`"disableBypassPermissionsMode": "disable"\` to the managed file's \`permissions\` (creating it when missing), on its own line at its neighbours' indentation. When the merged settings the file applies to use \`defaultMode: "bypassPermissions"\`, or a subagent there uses \`permissionMode: bypassPermissions\`, the lock would switch that chosen mode off: the edit is then only a suggestion (\`--fix-dry-run\`, SARIF \`fixes\`).`,
  check(model, report) {
    for (const f of model.files) {
      if (f.kind !== 'claude-settings' || scopeOf(f.file) !== 'managed' || !isMap(f.tree)) continue;
      if (str(get(get(f.tree, 'permissions'), 'disableBypassPermissionsMode')) === 'disable') continue;
      const perms = entry(f.tree, 'permissions');
      const loc = perms?.keyLoc ?? { file: f.file, start: f.tree.loc.start, end: { line: f.tree.loc.start.line, column: f.tree.loc.start.column + 1 } };
      report(loc, `The managed settings ${f.file} do not set \`permissions.disableBypassPermissionsMode: "disable"\`: any user (or, before Claude Code v2.1.257, any repository) can switch permission checks off. Add it to lock bypass mode off on every machine.`, { fix: bypassLockFix(model, f.file, f.tree) });
    }
  },
});
