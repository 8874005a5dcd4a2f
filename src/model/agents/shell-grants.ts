/**
 * Other agents' command allow patterns, as the Claude Code rule that grants the same (`Bash(npm:*)`), so one
 * breadth judgement (policy/bash-breadth.ts) covers every agent. Each agent's matching semantics are stated
 * where it is read: a prefix of the command line, a glob, or a regular expression.
 */
import type { Loc } from '../../types.js';
import { parsePermissionRule, type PermissionRule } from '../policy/permission-rule.js';

/** A regular expression that matches any command line (`/.*\/`, `^.*$`, `.+`, `[\s\S]*`). */
export function catchAllRegex(re: string): boolean {
  const body = re.replace(/^\/|\/[a-z]*$/gi, '').replace(/^\^/, '').replace(/\$$/, '');
  return /^(?:\.\*|\.\+|\[\\s\\S\]\*|\(\.\*\)|\.\*\?)$/.test(body) || body === '';
}

/** A command-line prefix (`npm` approves `npm <anything>`): the Claude rule `Bash(npm:*)`; `*` or empty is every command. */
export function prefixRule(prefix: string, loc: Loc, file: string): PermissionRule {
  const p = prefix.trim();
  return parsePermissionRule(p === '' || p === '*' ? 'Bash' : `Bash(${p}:*)`, 'allow', loc, file, 'project');
}

/** A glob over the command line where `*` is any text (OpenCode, Amp, Kiro): the Claude rule with the same wildcards. */
export function globRule(glob: string, loc: Loc, file: string): PermissionRule {
  const g = glob.trim();
  return parsePermissionRule(g === '' || g === '*' || g === '**' ? 'Bash' : `Bash(${g})`, 'allow', loc, file, 'project');
}
