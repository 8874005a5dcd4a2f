import { defineRule } from '../src/rule.js';
import { isLocalHost, urlHost } from '../src/model/policy/facts.js';

export default defineRule({
  id: 'mcp-plain-http',
  title: 'Remote MCP server over plain HTTP',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'network',
  tags: ['security', 'agent-policy', 'mcp', 'CWE-319'],
  docs: `An MCP server's \`url\` (Gemini \`httpUrl\`, Windsurf \`serverUrl\`) is \`http://\` to a host that is not this machine (\`localhost\`, \`127.0.0.1\`, \`::1\`, \`host.docker.internal\` and a compose service name are local and quiet). Every client reads the same record (anchors/agent-surfaces.md §9.3): \`.mcp.json\`, \`.vscode/mcp.json\`, \`.cursor/mcp.json\`, Kiro, Roo, Gemini, OpenCode, Zed, Amp, Codex. New in 0.2 (issue 12).

## Why it matters
Anyone on the path (a café network, a proxy, a compromised router) reads the requests, which carry the tool calls, file contents and any \`Authorization\` header, and can rewrite the tool results the agent acts on: a prompt injection without touching the server.

## How to fix
Use \`https://\`.

Before:
\`\`\`json
{ "mcpServers": { "docs": { "type": "http", "url": "http://mcp.example.com/mcp" } } }
\`\`\`
After:
\`\`\`json
{ "mcpServers": { "docs": { "type": "http", "url": "https://mcp.example.com/mcp" } } }
\`\`\``,
  check(model, report) {
    for (const p of model.policies) {
      for (const s of p.mcpServers) {
        if (!s.url || s.disabled || !/^http:\/\//i.test(s.url.value.trim())) continue;
        const host = urlHost(s.url.value.trim());
        // A private address or a single-label name (a compose service, a LAN host) is the local network.
        if (!host || isLocalHost(host) || host.includes('$') || !host.includes('.')) continue;
        report(s.url.loc, `MCP server "${s.name}" (${s.file}) is reached over plain http at ${host}: anyone on the network path can read its tool calls and headers and rewrite the results the agent acts on. Use https.`);
      }
    }
  },
});
