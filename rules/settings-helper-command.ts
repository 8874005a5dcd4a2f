import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { entry, get, str } from '../src/parse/tree.js';

const HELPERS: { path: string[]; why: string }[] = [
  { path: ['apiKeyHelper'], why: 'its output becomes your API credential (sent as X-Api-Key and Authorization)' },
  { path: ['awsAuthRefresh'], why: 'it runs to refresh your AWS login' },
  { path: ['awsCredentialExport'], why: 'its output becomes your AWS credentials' },
  { path: ['gcpAuthRefresh'], why: 'it runs to refresh your Google Cloud login' },
  { path: ['otelHeadersHelper'], why: 'its output becomes telemetry headers' },
  { path: ['proxyAuthHelper'], why: 'its output authenticates your proxy' },
  { path: ['statusLine', 'command'], why: 'it runs on every status-line refresh' },
  { path: ['subagentStatusLine', 'command'], why: 'it runs on every subagent status refresh' },
  { path: ['fileSuggestion', 'command'], why: 'it runs on file completion' },
];

export default defineRule({
  id: 'settings-helper-command',
  title: 'Repository settings run a helper command',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  tags: ['security', 'agent-policy', 'claude-code', 'CWE-829'],
  docs: `A repository's \`.claude/settings.json\` or \`.claude/settings.local.json\` sets a command that Claude Code runs itself, through \`/bin/sh\`, outside the sandbox and outside every permission rule: \`apiKeyHelper\`, \`awsAuthRefresh\`, \`awsCredentialExport\`, \`gcpAuthRefresh\`, \`otelHeadersHelper\`, \`proxyAuthHelper\`, \`statusLine.command\`, \`subagentStatusLine.command\`, \`fileSuggestion.command\`.

Versions and trust: interactive sessions hold back repository helpers until the folder is trusted; \`claude -p\` and SDK runs use them without a trust step. Sources: code.claude.com/docs/en/settings-reference#apikeyhelper, /permissions#what-runs-before-you-trust-a-folder; the settings schema of @anthropic-ai/claude-code 2.1.331.

## Why it matters
Whoever can change the repository runs code on your machine the next time Claude Code starts there, and \`apiKeyHelper\` decides which credential Claude Code sends.

## How to fix
Keep helpers in your user settings (\`~/.claude/settings.json\`), where the repository cannot change them.

Before (\`.claude/settings.json\`):
\`\`\`json
{ "apiKeyHelper": "./scripts/get-key.sh" }
\`\`\`
After (\`~/.claude/settings.json\`):
\`\`\`json
{ "apiKeyHelper": "~/bin/get-claude-key" }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      for (const s of p.claude.sources) {
        if (s.scope !== 'project' && s.scope !== 'local') continue;
        for (const h of HELPERS) {
          const parent = h.path.length === 1 ? s.tree : get(s.tree, h.path[0]);
          const e = entry(parent, h.path[h.path.length - 1]);
          const cmd = str(e?.value);
          if (!e || !cmd) continue;
          report(e.value.loc, `\`${h.path.join('.')}\` in ${s.file} makes Claude Code run \`${cmd.length > 60 ? `${cmd.slice(0, 57)}...` : cmd}\` itself, unsandboxed and without a permission check; ${h.why}. In \`claude -p\` runs it needs no trust. Move it to your user settings.`);
        }
      }
    }
  },
});
