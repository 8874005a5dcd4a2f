import { defineRule } from '../src/rule.js';
import { ciAgents } from '../src/model/ci-agents.js';

export default defineRule({
  id: 'ci-agent-wildcard-allowlist',
  title: "A CI agent's user or bot allowlist is '*'",
  severity: 'error',
  securitySeverity: 8.5,
  precision: 'very-high',
  dimension: 'agent-policy',
  tags: ['security', 'ci', 'agent-policy', 'CWE-284'],
  docs: `\`allowed_non_write_users: "*"\` or \`allowed_bots: "*"\` on \`anthropics/claude-code-action\`, or \`allow-users: "*"\` on \`openai/codex-action\`, turns the action's write-access check off for everyone: any GitHub user (or any GitHub App, which on a public repository can open issues and comments) starts the agent. The action's docs call \`allowed_non_write_users\` "a significant security risk … only for workflows with extremely limited permissions". Sources: anthropics/claude-code-action action.yml and docs/security.md, openai/codex-action README; the Clinejection workflow had \`allowed_non_write_users: "*"\` (anchors/agent-surfaces.md §8.1, §8.2, §8.4). New in 0.2 (issue 13).

## Why it matters
The one check the action makes is gone, so the agent's prompt, tools and token belong to whoever posts first.

## How to fix
Remove the wildcard; list the accounts that need it, or gate the job on \`author_association\`.

Before:
\`\`\`yaml
allowed_non_write_users: "*"
\`\`\`
After:
\`\`\`yaml
allowed_bots: "dependabot[bot]"
\`\`\``,
  check(model, report) {
    for (const s of ciAgents(model)) {
      for (const o of s.opened) {
        if (!o.wildcard) continue;
        report(o.loc, `\`${o.input}: ${o.value}\` on ${s.action?.name ?? s.agent} (job "${s.job.id}") lets anyone start the agent: the action's own write-access check is off for every user${o.input.includes('bot') ? ' and GitHub App' : ''}. List the accounts that need it instead.`);
      }
    }
  },
});
