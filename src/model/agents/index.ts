/**
 * Reads every agent file of the scan into AgentFile facts and MCP server records: one entry point, so the
 * model builder and the rules never branch on the agent.
 */
import path from 'node:path';
import { get, isMap } from '../../parse/tree.js';
import type { SourceFile } from '../project.js';
import { readMcpServers, type McpClient, type McpServer } from '../mcp.js';
import { readPlugin, readSkill, readSubagent } from './claude.js';
import { readCursorCli, readCursorEnvironment } from './cursor.js';
import { readGemini, readGeminiEnv } from './gemini.js';
import { readAider, readAmp, readOpenCode, readZed } from './others.js';
import { readVscodeAgentKeys } from './vscode.js';
import { emptyAgentFile, type AgentFile } from './types.js';

export type { AgentFile, AllowGrant, ApprovalSwitch, PluginSource, StartupCommand, Subagent } from './types.js';

/** An MCP file's client and the key that holds its servers, from its path. */
export function mcpFileClient(file: string): { client: McpClient; key: string } {
  const p = file;
  if (/(^|\/)\.vscode\/mcp\.json$/.test(p)) return { client: 'VS Code', key: 'servers' };
  if (/(^|\/)\.cursor\/mcp\.json$/.test(p)) return { client: 'Cursor', key: 'mcpServers' };
  if (/(^|\/)\.kiro\/settings\/mcp\.json$/.test(p)) return { client: 'Kiro', key: 'mcpServers' };
  if (/(^|\/)\.roo\/mcp\.json$/.test(p) || path.posix.basename(p) === 'mcp_settings.json') return { client: 'Roo Code', key: 'mcpServers' };
  if (/(^|\/)\.kilocode\/mcp\.json$/.test(p)) return { client: 'Kilo Code', key: 'mcpServers' };
  if (path.posix.basename(p) === 'cline_mcp_settings.json') return { client: 'Cline', key: 'mcpServers' };
  return { client: 'Claude Code', key: 'mcpServers' };
}

export interface AgentFiles {
  files: AgentFile[];
  /** MCP servers defined in files other than `.mcp.json`-style MCP files and Codex config, by file. */
  servers: Map<string, McpServer[]>;
}

export function readAgentFiles(files: SourceFile[]): AgentFiles {
  const out: AgentFile[] = [];
  const servers = new Map<string, McpServer[]>();
  const take = (r: { file: AgentFile; servers: McpServer[] }) => {
    out.push(r.file);
    if (r.servers.length) servers.set(r.file.file, r.servers);
  };
  for (const f of files) {
    if (!f.tree && f.kind !== 'claude-agent' && f.kind !== 'claude-skill') continue;
    switch (f.kind) {
      case 'claude-agent': take(readSubagent(f)); break;
      case 'claude-skill': out.push(readSkill(f)); break;
      case 'claude-plugin': take(readPlugin(f)); break;
      case 'gemini-settings': take(readGemini(f)); break;
      case 'gemini-env': out.push(readGeminiEnv(f)); break;
      case 'cursor-cli': out.push(readCursorCli(f)); break;
      case 'cursor-environment': out.push(readCursorEnvironment(f)); break;
      case 'opencode': take(readOpenCode(f)); break;
      case 'amp-settings': take(readAmp(f)); break;
      case 'zed-settings': take(readZed(f)); break;
      case 'aider-config': out.push(readAider(f)); break;
      case 'vscode-settings': {
        if (!isMap(f.tree)) break;
        const a = emptyAgentFile(f.file, f.kind);
        readVscodeAgentKeys(f.tree, a, 'workspace');
        out.push(a);
        break;
      }
      case 'devcontainer': {
        const settings = get(get(get(f.tree, 'customizations'), 'vscode'), 'settings');
        const mcp = get(get(get(get(f.tree, 'customizations'), 'vscode'), 'mcp'), 'servers');
        if (!isMap(settings) && !isMap(mcp)) break;
        const a = emptyAgentFile(f.file, f.kind);
        if (isMap(settings)) readVscodeAgentKeys(settings, a, 'devcontainer');
        take({ file: a, servers: readMcpServers(mcp, f.file, 'VS Code') });
        break;
      }
      default:
        break;
    }
  }
  return { files: out, servers };
}
