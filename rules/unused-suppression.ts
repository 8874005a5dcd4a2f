import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'unused-suppression',
  title: 'Suppression comment is unused or has no reason',
  severity: 'warning',
  securitySeverity: 2.0,
  precision: 'very-high',
  dimension: 'tooling',
  tags: ['security', 'maintainability'],
  docs: `An inline suppression (\`agent-sandbox-lint-disable-next-line <rule-id> -- <reason>\` or \`agent-sandbox-lint-disable-file <rule-id>\`) suppresses nothing, names an unknown rule, or gives no reason after \`--\`.

## Why it matters
Suppressions live in files an agent can write, so an agent could silence its own findings. A suppression must say why, and a stale one hides the next real finding on that line. Every suppressed finding is also listed in the text and JSON output, and \`--no-inline-suppressions\` ignores them all (use it in CI).

## How to fix
Remove the comment, correct the rule id, or add the reason:
\`\`\`yaml
# agent-sandbox-lint-disable-next-line runs-as-root -- the init container must chown the volume
\`\`\``,
  // The engine reports this rule: only it knows which suppressions matched a finding.
  check() {},
});
