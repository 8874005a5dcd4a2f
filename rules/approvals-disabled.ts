import { defineRule } from '../src/rule.js';
import type { Severity } from '../src/types.js';
import type { ApprovalSwitch } from '../src/model/agents/index.js';

function level(a: ApprovalSwitch): Severity {
  if (a.certainty !== 'documented') return 'note';
  return a.effect === 'everything' ? 'error' : a.effect === 'most' ? 'warning' : 'note';
}

export default defineRule({
  id: 'approvals-disabled',
  title: "A repository file turns an agent's approvals off",
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'CWE-862'],
  docs: `A file in the repository sets an agent to act without asking: for everyone who opens the folder, not only its author. Claude Code's own modes are \`permissions-bypassed\`; this rule covers the other agents (anchors/agent-surfaces.md §2, §3, §7):

| agent, file | setting | level |
|---|---|---|
| OpenCode \`opencode.json(c)\` | \`"permission": "allow"\`, \`permission.bash: "allow"\` or \`{"*": "allow"}\` (also per agent) | error: every tool or every command, and OpenCode documents no workspace-trust gate |
| Amp \`.amp/settings.json\` | \`"amp.dangerouslyAllowAll": true\`; an \`amp.permissions\` entry \`{"tool": "Bash" or "*", "action": "allow"}\` with no \`matches\` | error |
| Qwen Code \`.qwen/settings.json\` | \`defaultPermissionMode\` \`bypass_permissions\` (error), \`auto\` or \`dont_ask\` (warning); non-interactive runs (\`-p\`, CI) treat the folder as trusted | |
| Gemini CLI \`.gemini/settings.json\` | \`defaultApprovalMode: "auto_edit"\` (note: edits only); \`"yolo"\` (note: ignored from settings by current versions, only \`--yolo\` enables it) | note |
| Aider \`.aider.conf.yml\` | \`yes-always: true\`: yes to every confirmation except shell commands; the repository's file overrides the user's | warning |
| VS Code \`.vscode/settings.json\` | \`chat.tools.terminal.ignoreDefaultAutoApproveRules: true\` (drops the built-in denies of \`rm\`, \`curl\`, \`eval\` …; honoured once the workspace is trusted); \`chat.tools.edits.autoApprove\` approving \`.vscode/*.json\`, \`.git/**\`, \`.env\`, or \`"**/*": true\` as the last entry (last match wins) | warning |
| VS Code | \`chat.permissions.default\` \`autoApprove\`/\`autopilot\` (no scope declared, so a workspace may set it; not tested); \`chat.tools.global.autoApprove\` (and the older \`chat.tools.autoApprove\`, \`chat.agent.autoApprove\`) \`true\`: ignored in a workspace file on current builds, and in a devcontainer's \`customizations.vscode.settings\` it may apply (machine settings; not tested) | note ("may") |
| Zed \`.zed/settings.json\` | \`agent.tool_permissions.default: "allow"\`, \`agent.always_allow_tool_actions: true\`: which agent keys a project file may set is not documented | note ("may") |

Unconfirmed behaviour (anchors/agent-surfaces.md §11) is worded "may" and stays a note. Sources: opencode.ai/docs/permissions; ampcode.com/manual; Qwen Code docs; google-gemini/gemini-cli docs/reference/configuration.md and packages/cli/src/config/config.ts; aider.chat/docs/config/aider_conf.html; microsoft/vscode chat.contribution.ts, terminalChatAgentToolsConfiguration.ts, vscode-docs approvals.md; CVE-2025-53773; zed docs/src/ai/tool-permissions.md. New in 0.2 (issue 12).

## Why it matters
An agent that does not ask runs whatever a prompt injection in a README, an issue or a dependency asks for, with your rights. A repository that ships the switch turns it on for every contributor, and for every CI job that runs the agent on a pull request.

## How to fix
Remove the switch from the repository; allow the specific commands the work needs, and let each user choose a looser mode in their own user settings.

Before:
\`\`\`json
{ "permission": "allow" }
\`\`\`
After:
\`\`\`json
{ "permission": { "edit": "ask", "bash": { "*": "ask", "npm test": "allow", "git status": "allow" } } }
\`\`\``,
  check(model, report) {
    for (const a of model.agentFiles ?? []) {
      for (const s of a.approvals) {
        const sev = level(s);
        const fix = s.certainty === 'ignored' ? 'Remove it: it states an intent that older versions, or a user who copies it, will honour.' : 'Remove it from the repository; allow the specific commands the work needs.';
        report(s.loc, `\`${s.setting}\` in ${s.file}: ${s.what}. ${fix}`, { severity: sev });
      }
    }
  },
});
