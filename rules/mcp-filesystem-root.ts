import { defineRule } from '../src/rule.js';
import { normalizeHostPath } from '../src/model/launch.js';
import { basename } from '../src/model/argv.js';

/** `/`, `~` and every spelling of a home folder (after normalizeHostPath), and Windows drive roots. */
function tooBroad(arg: string): string | undefined {
  const a = arg.trim();
  if (a === '' || a.startsWith('-')) return undefined;
  if (/^[A-Za-z]:[\\/]?$/.test(a)) return 'a whole drive';
  const value = a.includes('=') && /^--?[\w-]+=/.test(a) ? a.slice(a.indexOf('=') + 1) : a;
  if (!/^[/~$%]/.test(value)) return undefined;
  const n = normalizeHostPath(value);
  if (n === '/') return 'the whole file system';
  if (n === '~' || n === '/home' || n === '/Users') return n === '~' ? 'the home directory (SSH keys, cloud credentials, every project)' : 'every home directory';
  return undefined;
}

export default defineRule({
  id: 'mcp-filesystem-root',
  title: 'MCP server rooted at / or the home directory',
  severity: 'warning',
  securitySeverity: 7.0,
  precision: 'high',
  dimension: 'filesystem',
  opens: true,
  tags: ['security', 'agent-policy', 'mcp', 'CWE-552'],
  docs: `An MCP server (in \`.mcp.json\`, \`.claude/.mcp.json\` or Codex \`[mcp_servers.*]\`) is given \`/\`, \`~\`, \`$HOME\`, \`\${HOME}\`, a home folder (\`/home/<user>\`, \`/Users/<user>\`, \`/root\`) or a drive root as an argument: typically \`@modelcontextprotocol/server-filesystem\` with its allowed directory. MCP servers run as ordinary processes with the user's rights, outside Claude Code's Bash sandbox, so the path is the server's only limit. Servers started with \`docker run\` are judged by the container-isolation rules as well.

Sources: code.claude.com/docs/en/mcp; @anthropic-ai/sandbox-runtime README ("Sandboxing MCP servers"); modelcontextprotocol.io local-server security guidance.

## Why it matters
A filesystem server rooted at \`~\` gives the agent, and any prompt injection it reads, \`~/.ssh\`, \`~/.aws\` and every other project, past every \`Read\` deny rule and the sandbox.

## How to fix
Root the server at the project.

Before:
\`\`\`json
{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/me"] } } }
\`\`\`
After:
\`\`\`json
{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."] } } }
\`\`\``,
  check(model, report) {
    for (const p of model.policies) {
      for (const s of p.mcpServers) {
        // The arguments of `docker run` are container paths and flags, judged by the isolation rules.
        if (s.command && /^(?:docker|podman|nerdctl)(?:\.exe)?$/.test(basename(s.command.value))) continue;
        for (const a of s.args) {
          const what = tooBroad(a.value);
          if (what) report(a.loc, `MCP server "${s.name}" (${s.file}) is given \`${a.value}\`, ${what}: it runs outside the sandbox with your rights, so the agent can read or change everything there, past every deny rule. Give it the project folder instead.`);
        }
      }
    }
  },
});
