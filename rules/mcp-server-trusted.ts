import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'mcp-server-trusted',
  title: 'MCP server trusted: every tool call skips confirmation',
  severity: 'warning',
  securitySeverity: 7.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'mcp', 'gemini-cli', 'CWE-862'],
  docs: `\`"trust": true\` on a server in \`mcpServers\` of a Gemini CLI or Qwen Code settings file (\`.gemini/settings.json\`, \`.qwen/settings.json\`) bypasses every tool-call confirmation for that server. A project settings file is loaded once the folder is trusted; Qwen Code treats the folder as trusted in non-interactive runs (\`-p\`, \`CI=true\`), so in CI a pull request's copy of the file applies. \`"trust": false\` (the default) is quiet. Sources: google-gemini/gemini-cli docs/tools/mcp-server.md (\`trust\`: "bypass all tool call confirmations for this server"), docs/cli/trusted-folders.md; Qwen Code docs (anchors/agent-surfaces.md §2.2, §2.4, §7.7). New in 0.2 (issue 12).

## Why it matters
Every tool of the server, including those added by a later version of it, then runs on the model's word alone: a prompt injection that reaches the agent calls them unreviewed.

## How to fix
Remove \`trust\`, and narrow the server's tools with \`includeTools\` if prompts are too many.

Before:
\`\`\`json
{ "mcpServers": { "db": { "command": "db-mcp", "trust": true } } }
\`\`\`
After:
\`\`\`json
{ "mcpServers": { "db": { "command": "db-mcp", "includeTools": ["list_tables", "describe_table"] } } }
\`\`\``,
  check(model, report) {
    for (const p of model.policies) {
      for (const s of p.mcpServers) {
        if (!s.trusted || s.disabled) continue;
        report(s.trusted, `\`"trust": true\` on MCP server "${s.name}" in ${s.file}: ${s.client} runs every tool of this server without a confirmation, so a prompt injection can call any of them unreviewed. Remove it; limit the server with \`includeTools\` instead.`);
      }
    }
  },
});
