import { defineRule } from '../src/rule.js';
import { claudePolicies, sandbox } from '../src/model/policy/facts.js';
import { scalarOf } from '../src/model/policy/settings.js';

export default defineRule({
  id: 'sandbox-fail-open',
  title: 'Sandbox runs unsandboxed when unavailable',
  severity: 'note',
  securitySeverity: 4.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'sandbox', 'CWE-636'],
  docs: `The Claude Code sandbox is enabled without \`sandbox.failIfUnavailable: true\`. Where the sandbox cannot start (bubblewrap or socat missing on Linux or WSL2, an unsupported platform, a container without user namespaces), Claude Code shows a warning and runs Bash commands **unsandboxed**.

Source: code.claude.com/docs/en/sandboxing and /settings-reference (\`sandbox.failIfUnavailable\`, default false). Applies to every Claude Code version with the sandbox.

## Why it matters
Every rule that relies on the sandbox (domain rules, \`denyRead\`) silently stops holding on exactly the machines where it is missing, such as a slim container image, and a headless run shows no warning to anyone.

## How to fix
Before:
\`\`\`json
{ "sandbox": { "enabled": true } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "enabled": true, "failIfUnavailable": true } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const s = sandbox(p.claude);
      if (!s.on || !s.decidedBy) continue;
      if (scalarOf(p.claude.get('sandbox', 'failIfUnavailable')) === true) continue;
      report(s.decidedBy.keyLoc, `The sandbox is enabled in ${s.decidedBy.file} without \`sandbox.failIfUnavailable: true\`: where bubblewrap or socat is missing, Bash runs unsandboxed with only a warning. Add \`"failIfUnavailable": true\` so the session stops instead.`);
    }
  },
});
