import { defineRule } from '../src/rule.js';
import { ciAgents } from '../src/model/ci-agents.js';

export default defineRule({
  id: 'ci-agent-action-unpinned',
  title: 'Agent action not pinned to a commit',
  severity: 'note',
  securitySeverity: 4.0,
  precision: 'very-high',
  dimension: 'supply-chain',
  tags: ['security', 'ci', 'supply-chain', 'CWE-829'],
  docs: `A workflow uses an agent action (\`anthropics/claude-code-action\`, \`openai/codex-action\`, \`google-github-actions/run-gemini-cli\` …) by a tag or branch (\`@v1\`, \`@beta\`, \`@main\`) instead of a full 40-character commit SHA. The action receives the model key, the token and the prompt; whoever can move the tag changes what runs with them. Sources: docs.github.com "Security hardening for GitHub Actions" (pin actions to a full-length commit SHA) (anchors/agent-surfaces.md §8.5, GHA-AGENT-12). New in 0.2 (issue 13).

## Why it matters
A moved tag or a compromised release runs new code with your secrets on the next run, with no change in your repository.

## How to fix
Pin the full SHA and keep the tag as a comment (Dependabot and Renovate update both).

Before:
\`\`\`yaml
- uses: anthropics/claude-code-action@v1
\`\`\`
After:
\`\`\`yaml
- uses: anthropics/claude-code-action@0123456789abcdef0123456789abcdef01234567 # v1
\`\`\``,
  check(model, report) {
    for (const s of ciAgents(model)) {
      const a = s.action;
      if (!a || (a.ref && /^[0-9a-f]{40}$/i.test(a.ref))) continue;
      report(a.loc, `\`${a.name}@${a.ref ?? ''}\` (job "${s.job.id}") follows a ${a.ref ? 'tag or branch' : 'default branch'}: whoever can move it changes the code that gets your model key, token and prompt. Pin it to a full commit SHA (keep the tag in a comment).`);
    }
  },
});
