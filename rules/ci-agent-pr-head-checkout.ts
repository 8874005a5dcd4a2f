import { defineRule } from '../src/rule.js';
import { ciAgents } from '../src/model/ci-agents.js';

/** A checkout `ref:` that names the pull request's head (or its merge with the base, which holds the head's files). */
const HEAD_REF = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs\/pull\/|github\.event\.pull_request\.merge_commit_sha|github\.event\.issue\.pull_request/;

export default defineRule({
  id: 'ci-agent-pr-head-checkout',
  title: "A privileged CI agent works on the pull request's own files",
  severity: 'error',
  securitySeverity: 9.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'ci', 'agent-policy', 'CWE-829'],
  docs: `A \`pull_request_target\` or \`workflow_run\` workflow (which runs with the base repository's secrets and a write token) checks out the pull request's head (\`actions/checkout\` with \`ref: \${{ github.event.pull_request.head.sha }}\`, \`head.ref\`, \`github.head_ref\`, \`workflow_run.head_sha\`, \`refs/pull/…\`) and then runs a coding agent in the same job. The fork's files then configure the agent: \`CLAUDE.md\`, \`.claude/settings.json\` hooks, \`.mcp.json\`, \`.gemini/settings.json\` discovery commands, \`AGENTS.md\`, and everything the agent's tools run (\`package.json\` scripts, \`Makefile\`). Checked out into a \`path:\` subfolder for \`anthropics/claude-code-action\` (which restores \`.claude/\`, \`.mcp.json\`, \`CLAUDE.md\` from the base before it starts, but not \`package.json\` or the \`Makefile\`), it is a note.

Sources: anthropics/claude-code-action docs/security.md ("do not check out an untrusted ref into the workspace root"), GHSA-wpqr-6v78-jr5g ("Trust Issues": PR-supplied \`.gemini/\` config ran in CI), GitHub Security Lab "Preventing pwn requests" (anchors/agent-surfaces.md §8.1, §8.4). New in 0.2 (issue 13).

## Why it matters
Whoever opens the pull request writes the files the agent loads as configuration and runs as code, inside a job that holds the base repository's secrets.

## How to fix
Run the agent on the base checkout and give it the diff as data (or check the head out into a subfolder passed with \`--add-dir\`, for claude-code-action); or use \`pull_request\`, which gets no secrets from forks.

Before:
\`\`\`yaml
on: pull_request_target
# …
      - uses: actions/checkout@v4
        with: { ref: "\${{ github.event.pull_request.head.sha }}" }
      - uses: anthropics/claude-code-action@v1
\`\`\`
After:
\`\`\`yaml
on: pull_request_target
# …
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with: { ref: "\${{ github.event.pull_request.head.sha }}", path: pr }
      - uses: anthropics/claude-code-action@v1
        with: { claude_args: "--add-dir pr" }
\`\`\``,
  check(model, report) {
    for (const s of ciAgents(model)) {
      if (!s.workflow.triggers.some((t) => t.event === 'pull_request_target' || t.event === 'workflow_run')) continue;
      for (const before of s.job.steps.slice(0, s.job.steps.indexOf(s.step))) {
        if (!before.uses || !/^actions\/checkout@/i.test(before.uses.value.trim())) continue;
        const ref = before.with.get('ref');
        if (!ref || !HEAD_REF.test(ref.value)) continue;
        const sub = before.with.get('path')?.value.trim();
        const restores = s.action?.kind === 'claude-code-action';
        const note = Boolean(sub && sub !== '.' && restores);
        report(ref.loc, `The job "${s.job.id}" checks out the pull request's head${sub ? ` into ${sub}/` : ' into the workspace root'} and then runs ${s.agent}, in a ${s.workflow.triggers.find((t) => t.event === 'pull_request_target' || t.event === 'workflow_run')!.event} run that holds the base repository's secrets: ${note ? 'claude-code-action restores its own config from the base, but the fork still chooses what its tools run (package.json scripts, Makefile)' : "the fork's files configure the agent (CLAUDE.md, .claude/, .mcp.json, .gemini/, AGENTS.md) and its tools run the fork's code"}. Run the agent on the base checkout and pass the head as data.`, { severity: note ? 'note' : 'error' });
      }
    }
  },
});
