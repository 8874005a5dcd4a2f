import { defineRule } from '../src/rule.js';
import { chain, ciAgents, openToAnyone } from '../src/model/ci-agents.js';

export default defineRule({
  id: 'ci-agent-safety-off',
  title: "A CI agent's safety is switched off",
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'ci', 'agent-policy', 'CWE-862'],
  docs: `A coding agent in a workflow runs with its checks off: \`--dangerously-skip-permissions\` or \`--permission-mode bypassPermissions\` (in \`claude_args\` or on a \`claude\` command line), \`--allowedTools\`/\`allowed_tools\` or a \`settings\` allow list with bare \`Bash\` or a Bash pattern that allows anything (judged as \`overbroad-allow-rule\` judges it), Codex \`sandbox: danger-full-access\`, \`safety-strategy: unsafe\`, \`--dangerously-bypass-approvals-and-sandbox\`/\`--yolo\` in \`codex-args\` or on a \`codex\` command line, \`gemini --yolo\`, and any \`google-github-actions/run-gemini-cli\` step (it always runs \`gemini --yolo\`: its documented behaviour). An error when anyone can start the workflow and nothing gates it; a warning when the trigger is untrusted but gated, or when an ungated \`pull_request\` starts it (forks get no secrets by default: one level lower); a note on triggers that need write access (\`push\`, \`schedule\`, \`workflow_dispatch\`): the runner is then the sandbox, and what it holds is what is at stake.

These flags on a \`run:\` line are judged here, not by \`permissions-bypassed\`/\`codex-sandbox-disabled\`, since what matters in CI is who can start the run. Sources: anthropics/claude-code-action action.yml (\`claude_args\`), openai/codex-action README (\`sandbox\`, \`safety-strategy\`), google-github-actions/run-gemini-cli action.yml (\`--yolo\`), TensorAuto/OpenTau#207 (anchors/agent-surfaces.md §8). New in 0.2 (issue 13).

## Why it matters
With its checks off, the agent does whatever its prompt says, and in CI the prompt often carries text from issues and pull requests.

## How to fix
Allow the exact commands the task needs; keep Codex in \`read-only\` or \`workspace-write\` with \`drop-sudo\`; gate the job on its author.

Before:
\`\`\`yaml
claude_args: --dangerously-skip-permissions
\`\`\`
After:
\`\`\`yaml
claude_args: --allowedTools "Bash(npm test:*),Read,Grep"
\`\`\``,
  check(model, report) {
    for (const s of ciAgents(model)) {
      // A fork's pull_request gets no secrets by default: one level lower than an untrusted trigger.
      const fork = !s.untrusted.length && s.forkPullRequest !== undefined;
      const sev = openToAnyone(s) ? 'error' : s.untrusted.length ? 'warning' : fork && !s.gate ? 'warning' : 'note';
      const who = openToAnyone(s) ? 'anyone can start this run' : s.untrusted.length ? `its untrusted trigger is gated (${s.gate})` : fork && !s.gate ? "a fork's pull request starts it (without the repository's secrets, by default) and nothing gates it" : 'only people with write access start this run';
      for (const o of s.safetyOff) {
        report(o.loc, `${o.what}, and ${who}: ${chain(s)}. ${sev === 'note' ? 'Keep the runner holding only what the task needs.' : 'Allow the specific commands the task needs instead, and gate the job on its author.'}`, { severity: sev });
      }
    }
  },
});
