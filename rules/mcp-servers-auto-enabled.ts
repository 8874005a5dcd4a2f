import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { scalar } from '../src/model/policy/settings.js';
import { items } from '../src/parse/tree.js';
import { mcpAutoEnableFix } from '../src/fix/settings-fixes.js';

export default defineRule({
  id: 'mcp-servers-auto-enabled',
  title: "Project MCP servers approved without review",
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'mcp', 'CWE-829'],
  docs: `\`enableAllProjectMcpServers: true\` in a Claude Code settings file approves every server in the repository's \`.mcp.json\`, now and after every pull; \`enabledMcpjsonServers\` in the shared \`.claude/settings.json\` lets a repository approve its own named servers. A stdio MCP server is an ordinary process with the user's rights, outside the Bash sandbox.

Versions: CVE-2025-59536 (fixed in 1.0.111) started such servers before the trust dialog. Since v2.1.196 a repository's own approvals are ignored until the folder is trusted; once trusted they apply, and \`claude -p\`, the SDK and cloud sessions connect project servers without asking in any case. Sources: code.claude.com/docs/en/mcp#project-server-approvals-and-workspace-trust, /settings-reference.

## Why it matters
Whoever can change \`.mcp.json\` (a pull request, a compromised dependency that writes it) then runs a program on your machine the next time Claude Code starts.

## How to fix
Approve servers one by one in your own (user or local, untracked) settings after reading them.

Before:
\`\`\`json
{ "enableAllProjectMcpServers": true }
\`\`\`
After:
\`\`\`json
{ "enabledMcpjsonServers": ["docs-search"] }
\`\`\`
(in \`.claude/settings.local.json\`, not committed)

## Autofix
\`--fix\` sets \`enableAllProjectMcpServers\` to \`false\` (the value is replaced in place; nothing else in the file changes). Approving the servers you want by name stays yours to do. \`enabledMcpjsonServers\` in the shared settings has no automatic fix: which servers the team means to keep is a choice.`,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      for (const { source, entry } of p.claude.each('enableAllProjectMcpServers')) {
        if (scalar(entry.value) !== true) continue;
        report(entry.value.loc, `\`enableAllProjectMcpServers: true\` in ${source.file} approves every server in .mcp.json without review, including ones added later; each runs with your rights outside the sandbox. Approve servers by name in your own settings instead.`, { fix: mcpAutoEnableFix(model, entry.value) });
      }
      for (const { source, entry } of p.claude.each('enabledMcpjsonServers')) {
        if (source.scope !== 'project' || items(entry.value).length === 0) continue;
        report(entry.keyLoc, `\`enabledMcpjsonServers\` in the shared ${source.file}: the repository approves its own MCP servers for everyone who trusts it. Approve servers in your own untracked settings instead.`);
      }
    }
  },
});
