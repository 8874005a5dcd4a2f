import { defineRule } from '../src/rule.js';
import { ciAgents, tokenWrites } from '../src/model/ci-agents.js';

/** Write scopes that reach code, releases, packages, cloud roles or other workflows. */
const STRONG = new Set(['contents', 'actions', 'packages', 'id-token', 'workflows', 'write-all', 'deployments', 'security-events', 'statuses', 'checks', 'pages']);

export default defineRule({
  id: 'ci-agent-excess-permissions',
  title: 'A CI agent job holds a write token',
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'credentials',
  tags: ['security', 'ci', 'agent-policy', 'CWE-250'],
  docs: `The job that runs a coding agent gets a \`GITHUB_TOKEN\` that can write: \`contents\`, \`actions\`, \`packages\`, \`id-token\`, \`workflows\` (and the other write scopes), \`write-all\`, or no \`permissions:\` block at workflow or job level (the token then gets the repository's default, which is write to everything in older repositories and organisations). A warning when the workflow has an untrusted trigger (anyone can open an issue or comment); \`issues: write\` and \`pull-requests: write\` alone are notes (the agent needs them to answer, but it is still a write token); on triggers that need write access, a note. Job \`permissions\` replace the workflow's. Sources: docs.github.com "Assigning permissions to jobs", "Automatic token authentication"; Clinejection ("read-only permissions are not containment", but a write token is worse); anchors/agent-surfaces.md §8.5. New in 0.2 (issue 13).

## Why it matters
A steered agent uses the token it holds: push to a branch, rewrite a workflow, publish a package, mint a cloud credential with \`id-token: write\`.

## How to fix
Give the agent's job the least it needs, and move writes (labels, comments, pushes) to a separate job that reads the agent's output as data.

Before:
\`\`\`yaml
permissions: write-all
\`\`\`
After:
\`\`\`yaml
permissions: { contents: read, issues: write }
\`\`\``,
  check(model, report) {
    const done = new Set<object>();
    for (const s of ciAgents(model)) {
      if (done.has(s.job)) continue;
      done.add(s.job);
      const t = tokenWrites(s.workflow, s.job);
      const untrusted = s.untrusted.length > 0;
      const trig = untrusted ? `${s.untrusted.map((x) => x.event).join('/')}, which anyone can trigger` : 'a trigger that needs write access';
      if (t.missing) {
        report(s.job.loc, `The job "${s.job.id}" runs ${s.agent} with ${t.why}, on ${trig}. Add a \`permissions:\` block with the least it needs (\`contents: read\`).`, { severity: untrusted ? 'warning' : 'note' });
        continue;
      }
      // The strong scopes each; the comment-and-label scopes only when nothing stronger is there to remove first.
      const anyStrong = t.scopes.some((x) => STRONG.has(x.value));
      for (const scope of t.scopes) {
        const strong = STRONG.has(scope.value);
        if (anyStrong && !strong) continue;
        report(scope.loc, `\`${scope.value}${scope.value === 'write-all' ? '' : ': write'}\` for the job "${s.job.id}", which runs ${s.agent} on ${trig}: a steered agent can use it. ${strong ? 'Drop it, or move the write to a separate job that takes the agent\'s output as data.' : 'Keep it only if the agent must comment or label, and keep its tools narrow.'}`, { severity: untrusted && strong ? 'warning' : 'note' });
      }
    }
  },
});
