import { defineRule } from '../src/rule.js';
import type { Severity } from '../src/types.js';

/** What a tool name says it does: runs code or commands, changes or sends something, or only reads. */
function toolClass(name: string): { severity: Severity; does: string } {
  const n = name.toLowerCase();
  if (n.trim() === '*') return { severity: 'error', does: 'every tool of the server, present and future' };
  if (/exec|run|shell|command|(?:^|[_-])cli(?:$|[_-])|(?:^|[_-])call(?:$|[_-])|eval|script|terminal|sql|query|sparql/.test(n)) return { severity: 'error', does: 'a tool that runs code, commands or queries' };
  if (/write|edit|delete|remove|move|rename|create|update|push|merge|deploy|commit|upload|send|post|(?:^|[_-])set|put|patch|fetch|browse|navigate|click|install|publish|close|comment|change|approve|copy|add|insert|upsert|drop|kill|stop|start|restart|trigger|invoke|schedule|assign|label/.test(n)) {
    return { severity: 'warning', does: 'a tool that changes, deletes or sends something' };
  }
  return { severity: 'note', does: 'a tool that, by its name, only reads' };
}

export default defineRule({
  id: 'mcp-tool-auto-approved',
  title: 'MCP tools run without asking',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'mcp', 'CWE-862'],
  docs: `An MCP server entry in a repository file lists tools the agent calls without asking you: Kiro's and Cline's \`autoApprove\`, Roo Code's and Kilo Code's \`alwaysAllow\`. The level follows what the tool can do, judged by its name: \`"*"\` (every tool; Kiro does not document \`"*"\`, so it is taken as all) and tools that run code, commands or queries (\`execute_command\`, \`run_sql\`, \`aws_cli\`) are errors; tools that write, delete, move, push, deploy or send (\`write_file\`, \`delete_file\`, \`create_issue\`, \`fetch\`) are warnings; tools that only read (\`read_file\`, \`list_issues\`, \`search\`) are notes. A disabled server (\`"disabled": true\`) is not judged.

Gates: Kiro applies a workspace \`.kiro/settings/mcp.json\` over the user's (by server name); Roo Code connects project \`.roo/mcp.json\` servers at start-up with no per-server prompt, and calls an \`alwaysAllow\` tool unprompted once the user has turned on MCP auto-approval globally. A repository's list therefore decides for every user who has. Sources: kiro.dev/docs/mcp/configuration, RooCodeInc/Roo-Code src/services/mcp/McpHub.ts and webview-ui ChatView.tsx, cline/cline src/services/mcp/schemas.ts (anchors/agent-surfaces.md §5, §6, §9). New in 0.2 (issue 12).

## Why it matters
A prompt injection in a file, an issue or a web page the agent reads only has to ask for an auto-approved tool: \`write_file\` into \`.kiro/\` or \`.vscode/\` rewrites the agent's own settings, \`execute_command\` is a shell, and nobody is asked.

## How to fix
List only tools that read, and approve the others per call.

Before:
\`\`\`json
{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."], "autoApprove": ["read_file", "write_file", "*"] } } }
\`\`\`
After:
\`\`\`json
{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."], "autoApprove": ["read_file", "list_directory"] } } }
\`\`\``,
  check(model, report) {
    for (const p of model.policies) {
      for (const s of p.mcpServers) {
        if (s.disabled) continue;
        for (const t of s.autoApprove) {
          const c = toolClass(t.value);
          report(t.loc, `${s.client} runs \`${t.value}\` of MCP server "${s.name}" (${s.file}) without asking: ${c.does}. ${c.severity === 'note' ? 'Fine if it really only reads; keep the list to such tools.' : 'A prompt injection that asks for it is carried out unreviewed. Remove it from the list and approve it per call.'}`, { severity: c.severity });
        }
      }
    }
  },
});
