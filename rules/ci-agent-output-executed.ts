import { defineRule } from '../src/rule.js';
import { ciAgents } from '../src/model/ci-agents.js';
import { expressions, stepOutputRefs } from '../src/model/workflow-expr.js';

export default defineRule({
  id: 'ci-agent-output-executed',
  title: "A CI agent's output is run as code",
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'ci', 'agent-policy', 'CWE-94'],
  docs: `A later step puts an agent step's output (\`\${{ steps.<agent>.outputs.… }}\`) straight into a \`run:\` script or an \`actions/github-script\` \`script:\`. The expression is pasted into the script before it runs, so whatever the agent wrote (and a prompt injection can make it write anything) runs as shell or JavaScript, in a step that may hold more secrets than the agent's. Passing the output through \`env:\` and reading \`"$VAR"\` is the safe form and stays quiet. Sources: docs.github.com "Security hardening for GitHub Actions" (script injection), openai/codex-action docs/security.md (treat the agent's output as untrusted) (anchors/agent-surfaces.md §8.2). New in 0.2 (issue 13).

## Why it matters
The agent's answer is attacker-influenced text; interpolating it into a script is script injection one step removed.

## How to fix
Pass it through \`env:\` and quote it.

Before:
\`\`\`yaml
- run: gh pr comment 1 --body "\${{ steps.claude.outputs.result }}"
\`\`\`
After:
\`\`\`yaml
- env: { RESULT: "\${{ steps.claude.outputs.result }}" }
  run: gh pr comment 1 --body "$RESULT"
\`\`\``,
  check(model, report) {
    for (const s of ciAgents(model)) {
      if (!s.step.id) continue;
      for (const later of s.job.steps.slice(s.job.steps.indexOf(s.step) + 1)) {
        const script = later.run ?? (later.uses && /^actions\/github-script@/i.test(later.uses.value.trim()) ? later.with.get('script') : undefined);
        if (!script) continue;
        if (!expressions(script.value).some((e) => stepOutputRefs(e.body).some((r) => r.step === s.step.id))) continue;
        report(script.loc, `This ${later.run ? 'run: script' : 'github-script'} pastes the output of ${s.agent} (step "${s.step.id}", job "${s.job.id}") into its code: whatever the agent writes, and a prompt injection can make it write anything, runs here. Pass it through env: and quote it ("$VAR").`);
      }
    }
  },
});
