/**
 * Agent CLI invocations in any command (scripts, Dockerfile, compose, devcontainer lifecycle commands, hooks):
 * `claude …` and `codex …`, also through `npx`/`bunx`/`pnpm dlx` of their packages, with the flags that
 * turn approvals or the sandbox off. Flags per code.claude.com/docs/en/cli-reference and
 * developers.openai.com/codex/cli/reference (anchors/agent-settings.md §3.3, §5 rules 66 and 69).
 */
import type { Command } from '../command.js';
import { basename } from '../argv.js';
import type { ShellWord } from '../../parse/shell.js';
import type { Severity } from '../../types.js';
import { isolationGap } from './isolation.js';

export interface AgentFlag {
  agent: 'claude' | 'codex';
  kind: 'bypass' | 'sandbox-off';
  /** The flag as written (with its value when separate). */
  text: string;
  word: ShellWord;
  command: Command;
}

const RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
const RUNNER_SUB: Record<string, string> = { pnpm: 'dlx', yarn: 'dlx', npm: 'exec', bun: 'x' };

/** The agent and its argument words, or undefined when the command runs neither. */
function agentArgs(c: Command): { agent: 'claude' | 'codex'; args: ShellWord[] } | undefined {
  const w = c.words;
  const prog = basename(w[0]?.text ?? '');
  if (prog === 'claude') return { agent: 'claude', args: w.slice(1) };
  if (prog === 'codex') return { agent: 'codex', args: w.slice(1) };
  let i = -1;
  if (RUNNERS.has(prog)) i = 1;
  else if (RUNNER_SUB[prog] && w[1]?.text === RUNNER_SUB[prog]) i = 2;
  if (i < 0) return undefined;
  while (i < w.length && w[i].text.startsWith('-')) i++;
  if (w[i]?.text === '--') i++;
  const pkg = w[i]?.text ?? '';
  if (/^@anthropic-ai\/claude-code(?:@|$)/.test(pkg)) return { agent: 'claude', args: w.slice(i + 1) };
  if (/^@openai\/codex(?:@|$)/.test(pkg)) return { agent: 'codex', args: w.slice(i + 1) };
  return undefined;
}

export function agentFlags(commands: Command[]): AgentFlag[] {
  const out: AgentFlag[] = [];
  for (const c of commands) {
    const a = agentArgs(c);
    if (!a) continue;
    const { agent, args } = a;
    args.forEach((word, i) => {
      const t = word.text;
      const next = args[i + 1]?.text;
      const add = (kind: AgentFlag['kind'], text: string) => out.push({ agent, kind, text, word, command: c });
      if (agent === 'claude') {
        if (t === '--dangerously-skip-permissions' || t === '--allow-dangerously-skip-permissions') add('bypass', t);
        else if (t === '--permission-mode' && next === 'bypassPermissions') add('bypass', `${t} ${next}`);
        else if (t === '--permission-mode=bypassPermissions') add('bypass', t);
        return;
      }
      if (t === '--dangerously-bypass-approvals-and-sandbox' || t === '--yolo') add('bypass', t);
      else if ((t === '-s' || t === '--sandbox') && next === 'danger-full-access') add('sandbox-off', `${t} ${next}`);
      else if (t === '--sandbox=danger-full-access') add('sandbox-off', t);
      else if ((t === '-c' || t === '--config') && next && /^(?:sandbox_mode\s*=\s*["']?danger-full-access|default_permissions\s*=\s*["']?:danger-(?:no-sandbox|full-access))/.test(next)) add('sandbox-off', `${t} ${next}`);
    });
  }
  return out;
}

/**
 * How bad an agent running without checks is where this command runs: on the host an error; inside a
 * container that isolates it (see isolationGap) a note; in a container that does not, an error; in a
 * container whose launch settings are not in the scan (a Dockerfile CMD alone, an image build) a warning.
 */
export function judgeContext(c: Command): { severity: Severity; where: string } {
  if (c.context === 'host' || c.context === 'agent-hook' || c.context === 'mcp-server') {
    return { severity: 'error', where: `on the host (${c.source}), outside any container` };
  }
  if (c.launch) {
    const gap = isolationGap(c.launch);
    return gap
      ? { severity: 'error', where: `in ${c.launch.name} (${c.source}), which does not isolate it: ${gap}` }
      : { severity: 'note', where: `inside ${c.launch.name} (${c.source}), which passes the isolation checks (not privileged, capabilities dropped, no engine socket, host namespace or sensitive mount)` };
  }
  return { severity: 'warning', where: `in a container (${c.source}) whose launch settings are not in the scan, so its isolation is unknown` };
}
