/**
 * One MCP server model for every client: the same server written in seven clients' formats becomes the same
 * record, so the MCP rules cannot tell the files apart; and each client's own approval fields land in it.
 */
import type { McpServer } from '../src/model/mcp.js';
import { useScratch } from './helpers/project.js';

const scratch = useScratch('asl-mcp-');

/** `npx -y @acme/mcp@1.2.3 --root .` with `ACME_TOKEN` from the host, in each client's own spelling. */
const SAME_SERVER: Record<string, string> = {
  '.mcp.json': '{ "mcpServers": { "acme": { "command": "npx", "args": ["-y", "@acme/mcp@1.2.3", "--root", "."], "env": { "ACME_TOKEN": "${ACME_TOKEN}" } } } }',
  '.vscode/mcp.json': '{ "servers": { "acme": { "type": "stdio", "command": "npx", "args": ["-y", "@acme/mcp@1.2.3", "--root", "."], "env": { "ACME_TOKEN": "${ACME_TOKEN}" } } } }',
  '.cursor/mcp.json': '{ "mcpServers": { "acme": { "command": "npx", "args": ["-y", "@acme/mcp@1.2.3", "--root", "."], "env": { "ACME_TOKEN": "${ACME_TOKEN}" } } } }',
  'opencode.json': '{ "mcp": { "acme": { "type": "local", "command": ["npx", "-y", "@acme/mcp@1.2.3", "--root", "."], "environment": { "ACME_TOKEN": "${ACME_TOKEN}" } } } }',
  '.zed/settings.json': '{ "context_servers": { "acme": { "command": { "path": "npx", "args": ["-y", "@acme/mcp@1.2.3", "--root", "."], "env": { "ACME_TOKEN": "${ACME_TOKEN}" } } } } }',
  '.codex/config.toml': '[mcp_servers.acme]\ncommand = "npx"\nargs = ["-y", "@acme/mcp@1.2.3", "--root", "."]\nenv = { ACME_TOKEN = "${ACME_TOKEN}" }\n',
  '.gemini/settings.json': '{ "mcpServers": { "acme": { "command": "npx", "args": ["-y", "@acme/mcp@1.2.3", "--root", "."], "env": { "ACME_TOKEN": "${ACME_TOKEN}" } } } }',
};

/** What a rule can see of a server, without where it is written. */
function record(s: McpServer) {
  return {
    name: s.name,
    transport: s.transport,
    command: s.command?.value,
    args: s.args.map((a) => a.value),
    env: s.env.map((e) => ({ name: e.name, value: e.value, hostVar: e.hostVar })),
    url: s.url?.value,
    headers: s.headers.map((h) => h.name),
    autoApprove: s.autoApprove.map((t) => t.value),
    trusted: s.trusted !== undefined,
    disabled: s.disabled,
  };
}

async function servers(files: Record<string, string>): Promise<McpServer[]> {
  const model = await scratch.model(files);
  expect(model.problems).toEqual([]);
  return model.policies.flatMap((p) => p.mcpServers);
}

it('reads the same server written in seven clients\' formats as seven equal records, one per client', async () => {
  const all = await servers(SAME_SERVER);
  expect(all.map((s) => s.client).sort()).toEqual(['Claude Code', 'Codex', 'Cursor', 'Gemini CLI', 'OpenCode', 'VS Code', 'Zed']);
  const expected = {
    name: 'acme', transport: 'stdio', command: 'npx', args: ['-y', '@acme/mcp@1.2.3', '--root', '.'],
    env: [{ name: 'ACME_TOKEN', value: undefined, hostVar: 'ACME_TOKEN' }], url: undefined, headers: [], autoApprove: [], trusted: false, disabled: false,
  };
  for (const s of all) expect({ client: s.client, ...record(s) }).toEqual({ client: s.client, ...expected });
  // Each record points at its own file, at the server's key.
  for (const s of all) expect(s.loc.file).toBe(s.file);
});

it('reads each client\'s approval, trust and enabled fields into the same record', async () => {
  const all = await servers({
    '.kiro/settings/mcp.json': '{ "mcpServers": { "k": { "command": "k-mcp", "autoApprove": ["read_file", "*"] } } }',
    '.roo/mcp.json': '{ "mcpServers": { "r": { "command": "r-mcp", "alwaysAllow": ["execute_command"], "disabled": true } } }',
    '.gemini/settings.json': '{ "mcpServers": { "g": { "httpUrl": "https://g.example.com/mcp", "trust": true } } }',
    'opencode.json': '{ "mcp": { "o": { "type": "remote", "url": "https://o.example.com/mcp", "enabled": false } } }',
  });
  const by = Object.fromEntries(all.map((s) => [s.name, record(s)]));
  expect(by.k).toMatchObject({ autoApprove: ['read_file', '*'], trusted: false, disabled: false, transport: 'stdio' });
  expect(by.r).toMatchObject({ autoApprove: ['execute_command'], disabled: true });
  expect(by.g).toMatchObject({ url: 'https://g.example.com/mcp', transport: 'http', trusted: true });
  expect(by.o).toMatchObject({ url: 'https://o.example.com/mcp', transport: 'http', disabled: true });
});
