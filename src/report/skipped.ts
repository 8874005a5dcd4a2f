/** What the CLI says on stderr about files it did not lint: each named file it skipped, and why a run linted nothing. */
import { TOOL_NAME } from '../meta.js';
import { clean } from './text.js';

export interface SkippedFile {
  file: string;
  reason: string;
}

/** Why a run linted no file: each list holds display paths. */
export interface EmptyRun {
  /** Folders named on the command line. */
  folders: string[];
  /** Files of a kind it reads, in those folders, that a .gitignore excludes. */
  gitignored: string[];
  /** Files of a kind it reads that the config's `ignorePaths` excludes. */
  configIgnored: string[];
  /** The config file that has those `ignorePaths`. */
  configFile?: string;
  /** Files named like compose files whose top level has no `services`. */
  notCompose: string[];
  /** Files named on the command line that were skipped (each already said why). */
  skipped: string[];
}

/** How many names a line lists before "and N more". */
const SHOWN = 5;

export function skippedLines(skipped: SkippedFile[]): string {
  return skipped.map((s) => `${TOOL_NAME}: skipped ${clean(s.file)}: ${clean(s.reason)}\n`).join('');
}

export function nothingLintedMessage(run: EmptyRun): string {
  const why: string[] = [];
  const found = run.gitignored.length + run.configIgnored.length + run.notCompose.length;
  if (run.folders.length && found === 0) {
    why.push(
      `nothing of a kind it reads in ${names(run.folders)} (devcontainer.json, compose files, Dockerfiles, sh/bash/zsh ` +
        'scripts, Claude Code settings, subagents, skills and plugins, .mcp.json, Codex config.toml, .vscode/settings.json and mcp.json, ' +
        'Gemini CLI, Qwen Code, Cursor, Kiro, Roo, OpenCode, Amp, Zed and Aider files, GitHub workflows: see "What it reads" in the README)',
    );
  }
  if (run.gitignored.length) {
    why.push(`${count(run.gitignored, 'is', 'are')} of a kind it reads but ignored by .gitignore: ${names(run.gitignored)} (name a file on the command line to lint it anyway)`);
  }
  if (run.configIgnored.length) {
    why.push(`${count(run.configIgnored, 'matches', 'match')} ignorePaths in ${run.configFile ? clean(run.configFile) : 'the config'}: ${names(run.configIgnored)}`);
  }
  if (run.notCompose.length) {
    why.push(`${count(run.notCompose, 'is', 'are')} named like a compose file but ${run.notCompose.length === 1 ? 'has' : 'have'} no top-level "services": ${names(run.notCompose)}`);
  }
  const listed = new Set([...run.configIgnored, ...run.notCompose]);
  const skipped = run.skipped.filter((f) => !listed.has(f));
  if (skipped.length) why.push(`skipped, as said above: ${names(skipped)}`);
  return `${TOOL_NAME}: no file was linted:\n${why.map((w) => `  - ${w}\n`).join('')}`;
}

function count(list: string[], one: string, many: string): string {
  return list.length === 1 ? `1 file ${one}` : `${list.length} files ${many}`;
}

function names(list: string[]): string {
  const shown = list.slice(0, SHOWN).map(clean).join(', ');
  return list.length > SHOWN ? `${shown} and ${list.length - SHOWN} more` : shown;
}
