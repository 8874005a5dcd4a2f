import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'agent-sandbox-weakened',
  title: "A repository file weakens an agent's own sandbox",
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'sandbox', 'CWE-693'],
  docs: `A file in the repository turns off or widens the sandbox an agent runs its tools in, for everyone who opens the folder. Claude Code's own sandbox settings are \`sandbox-escape-hatch\` and \`sandbox-fail-open\`; Codex's are \`codex-sandbox-disabled\`. This rule covers the others (anchors/agent-surfaces.md §2.2, §3.2):
- Gemini CLI and Qwen Code settings: \`tools.sandbox\` (V1 \`sandbox\`) \`false\`, which a trusted project file sets over the user's choice (warning); the object form without \`"networkAccess": false\` (it defaults to true) and \`tools.sandboxNetworkAccess: true\` (notes: the sandbox still holds the file system); \`allowedPaths\`/\`sandboxAllowedPaths\` of the root, a home directory or a credential folder (warning).
- \`.gemini/.env\`, loaded into the CLI's environment once the folder is trusted, before the sandbox is set up: \`SANDBOX_FLAGS\` with \`--privileged\`, \`--network host\`, \`--pid=host\`, \`--cap-add\`, \`--security-opt\` or a broad \`-v\` (warning); \`SANDBOX_MOUNTS\` of a broad path (warning); \`GEMINI_CLI_TRUST_WORKSPACE=true\`, which treats the folder as trusted in headless runs (warning); \`GEMINI_SANDBOX=false\` (a note worded "may": read in the code, not run-tested).
- VS Code \`.vscode/settings.json\` (and a devcontainer's \`customizations.vscode.settings\`): \`chat.agent.sandbox.allowNetwork: true\` (its sandboxed commands are auto-approved and then reach any domain), \`chat.agent.sandbox.advanced.runtime.enableWeakerNestedSandbox: true\`, \`chat.agent.sandbox.fileSystem.<os>.allowWrite\` of the root, the home directory, \`~/.ssh\`, \`~/.aws\` or a shell start-up file (warnings).

Sources: google-gemini/gemini-cli docs/cli/sandbox.md, docs/reference/configuration.md, packages/cli/src/config/sandboxConfig.ts and settings.ts; GHSA-wpqr-6v78-jr5g; microsoft/vscode terminalChatAgentToolsConfiguration.ts, vscode-docs approvals.md. New in 0.2 (issue 12).

## Why it matters
The sandbox is what keeps a prompt-injected command away from the rest of the machine and the network. A repository that turns it off, gives it the home directory or opens its network does so for every contributor, and in CI for every pull request.

## How to fix
Remove the setting from the repository; a user who needs more can widen their own user settings.

Before:
\`\`\`json
{ "tools": { "sandbox": false } }
\`\`\`
After:
\`\`\`json
{ "tools": { "sandbox": { "enabled": true, "networkAccess": false } } }
\`\`\``,
  check(model, report) {
    for (const a of model.agentFiles ?? []) {
      for (const g of a.sandbox) {
        const note = g.certainty === 'unconfirmed' || g.minor;
        report(g.loc, `\`${g.setting}\` in ${a.file}: ${g.what}. Remove it from the repository; widen the sandbox in your own user settings if you must.`, { severity: note ? 'note' : 'warning' });
      }
    }
  },
});
