import { defineRule } from '../src/rule.js';
import { chain, ciAgents, openToAnyone, type CiAgentStep } from '../src/model/ci-agents.js';

export default defineRule({
  id: 'ci-agent-untrusted-trigger',
  title: 'Anyone can start a CI agent',
  severity: 'error',
  securitySeverity: 9.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'ci', 'agent-policy', 'CWE-284'],
  docs: `A workflow runs a coding agent on an event anyone can cause (\`issues\`, \`issue_comment\`, \`discussion\`, \`discussion_comment\`, \`pull_request_review\`, \`pull_request_review_comment\`, \`pull_request_target\`, \`workflow_run\`; \`issues\`/\`pull_request_target\` limited to \`labeled\`/\`assigned\` types need triage rights and are trusted), and nothing keeps outsiders out. A gate is a job or step \`if:\` on \`author_association\`, \`github.actor ==\`, a maintainer label, or "not from a fork"; or the action's own write-access check: \`anthropics/claude-code-action\` and \`openai/codex-action\` check that the actor can write, unless \`allowed_non_write_users\`, \`allowed_bots\`, \`allow-users\`, \`allow-bots\` or \`allow-bot-users\` open it. \`google-github-actions/run-gemini-cli\`, \`claude-code-base-action\` and agent CLIs in \`run:\` check nobody.

An error when the agent holds something worth taking: shell or exec tools (Bash in \`--allowedTools\`, a bypass flag, run-gemini-cli's \`--yolo\`, Codex's default \`workspace-write\` sandbox, an agent CLI with its shell on), a token that can write (any \`write\` scope, \`write-all\`, a personal token, or no \`permissions:\` block), or secrets beyond its model key; otherwise a warning. The finding is at the trigger (one per trigger, naming each agent step it opens), and the message names the chain (trigger → gate → prompt → tools → reach).

Sources: the Clinejection chain (Adnan Khan, Feb 2026: an issue title steered \`claude-code-action\` with \`allowed_non_write_users: "*"\` and Bash, then Actions-cache poisoning reached a release token), PromptPwnd (Aikido, Dec 2025), "Comment and Control" (Aug 2025); anthropics/claude-code-action docs/security.md, openai/codex-action docs/security.md, google-github-actions/run-gemini-cli docs (anchors/agent-surfaces.md §8). New in 0.2 (issue 13).

## Why it matters
The agent runs in a runner that holds the repository's token and secrets and can reach the network and the Actions cache. Whoever writes the issue or comment that starts it writes its instructions.

## How to fix
Gate the job on who wrote the event, keep the action's own check on, and give the agent only what the task needs.

Before:
\`\`\`yaml
on: { issues: { types: [opened] } }
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/run-gemini-cli@v0
\`\`\`
After:
\`\`\`yaml
on: { issues: { types: [opened] } }
jobs:
  triage:
    if: contains(fromJSON('["OWNER","MEMBER","COLLABORATOR"]'), github.event.issue.author_association)
    permissions: { contents: read, issues: read }
    runs-on: ubuntu-latest
    steps:
      - uses: google-github-actions/run-gemini-cli@<full commit sha>
\`\`\``,
  check(model, report) {
    // One finding per trigger, naming every agent it opens (several agent steps share the trigger line).
    const byTrigger = new Map<object, CiAgentStep[]>();
    for (const s of ciAgents(model)) if (openToAnyone(s)) byTrigger.set(s.untrusted[0], [...(byTrigger.get(s.untrusted[0]) ?? []), s]);
    for (const [, steps] of byTrigger) {
      const holds = steps.some((s) => s.exec || s.writeToken || s.secrets.length);
      const each = steps.map((s) => {
        const opened = s.opened.length ? ` (${s.opened.map((o) => `\`${o.input}: ${o.value}\``).join(', ')} turns the action's own write-access check off)` : '';
        return `${chain(s)}${opened}`;
      });
      report(steps[0].untrusted[0].loc, `Anyone can start ${steps.length > 1 ? `${steps.length} agents` : 'this agent'}: ${each.join('; ')}. ${holds ? 'A stranger\'s issue or comment steers an agent that holds these.' : 'It holds no shell, write token or extra secret, but still spends your model key on a stranger\'s text.'} Gate the job on \`author_association\` (OWNER, MEMBER, COLLABORATOR) or a maintainer label, and narrow its tools and token.`, { severity: holds ? 'error' : 'warning' });
    }
  },
});
