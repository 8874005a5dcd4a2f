/**
 * Shell via tree-sitter-bash (WASM). Loaded lazily: only runs that meet a shell file pay the ~15 ms start.
 * The output is a flat list of simple commands, each word located, wherever it sits
 * (pipelines, lists, `$(…)`, functions, loops).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Node as TSNode } from 'web-tree-sitter';
import type { Loc } from '../types.js';
import type { TextIndex } from './text-index.js';
import type { ParseProblem } from './result.js';
import { ShellValues } from './shell-values.js';

export interface ShellWord {
  /** The word with quotes removed; expansions (`$HOME`, `$(pwd)`) kept as written. */
  text: string;
  loc: Loc;
  /** Contains an expansion or substitution: its runtime value is not known here. */
  dynamic: boolean;
  /** Where the word starts in the text that was parsed (for placing a `sh -c` script found inside it). */
  start?: number;
  /** An expansion of unknown length and value (`"${args[@]}"` of an array the script never fills): zero or more words. */
  spread?: boolean;
}

export interface ShellCommand {
  /** words[0] is the command name. */
  words: ShellWord[];
  loc: Loc;
  /** The whole statement as written, redirections and heredoc bodies included (`echo … > /etc/sudoers.d/x`). */
  statement: string;
  /** Index (in the same parse) of the command whose output this one reads through a pipe (`curl … | sh`). */
  pipedFrom?: number;
}

export interface ShellParse {
  commands: ShellCommand[];
  /** Set when tree-sitter had to recover from a syntax error; the commands are still what it could read. */
  problem?: ParseProblem;
}

/** Maps offsets in the parsed text to a location in the file (identity for a script, shifted for embedded commands). */
export type LocMapper = (start: number, end: number) => Loc;

let parser: Parser | undefined;

/** Finds a WASM file next to the bundle (dist/) or, when running from sources, in node_modules. */
function wasmPath(file: string, pkg: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

let loading: Promise<void> | undefined;

/** Loads the WASM parser once; files read concurrently share the one load (each their own would cost ~10 ms). */
export function loadShellParser(): Promise<void> {
  loading ??= load();
  return loading;
}

async function load(): Promise<void> {
  // V8 otherwise optimises the 1.3 MB grammar with TurboFan on background threads, and the process waits
  // ~300 ms for that at exit; the baseline compiler alone parses our scripts just as fast (measured: a
  // one-script run goes from 0.45 s to 0.11 s).
  v8.setFlagsFromString('--liftoff-only');
  // Compiled and instantiated synchronously: web-tree-sitter's own asynchronous load needs turns of the event
  // loop that a busy run (reading and parsing files synchronously) does not give it, and then it is waited for.
  const runtime = new WebAssembly.Module(readFileSync(wasmPath('web-tree-sitter.wasm', 'web-tree-sitter')));
  await Parser.init({
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      receive(new WebAssembly.Instance(runtime, imports), runtime);
      return {};
    },
  });
  const bash = Language.loadSync(new WebAssembly.Module(readFileSync(wasmPath('tree-sitter-bash.wasm', 'tree-sitter-bash'))));
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
}

export function parseShell(index: TextIndex): ShellParse {
  const result = parseShellText(index.text, (a, b) => index.loc(a, b));
  return result;
}

/** Parses shell text that may sit inside another file (a Dockerfile RUN, a compose command); `at` places it. */
export function parseShellText(text: string, at: LocMapper): ShellParse {
  if (!parser) throw new Error('internal: loadShellParser() must run before parseShell()');
  const tree = parser.parse(text);
  if (!tree) return { commands: [] };
  try {
    const commands = collect(tree.rootNode, at, text, { redirects: /[<>]/.test(text), pipes: text.includes('|') });
    const result: ShellParse = { commands };
    if (tree.rootNode.hasError) {
      const bad = firstError(tree.rootNode);
      if (bad) {
        const loc = at(bad.startIndex, Math.max(bad.endIndex, bad.startIndex + 1));
        // A note: tree-sitter-bash misreads some valid scripts (zsh syntax, `[[ =~ ]]` regexes, `$((10#…))`),
        // and a real syntax error shows at the first run anyway; what matters is that the rest was checked.
        result.problem = {
          message: `The shell parser could not read this script near line ${loc.start.line}; the rest was still checked. If the script runs, this is a construct the parser does not know (zsh syntax, some [[ =~ ]] regexes); if not, fix the syntax there`,
          loc,
          severity: 'note',
        };
      }
    }
    return result;
  } finally {
    tree.delete();
  }
}

function firstError(node: TSNode): TSNode | undefined {
  // Iterative: a hostile script can nest deeply enough to overflow a recursive walk.
  const stack: TSNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return n;
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return undefined;
}

/**
 * Whether the text has any redirection or pipe at all: only then are a command's parents read (tree-sitter
 * finds a node's parent by walking down from the root again).
 */
interface TextHas {
  redirects: boolean;
  pipes: boolean;
}

function collect(root: TSNode, at: LocMapper, text: string, has: TextHas): ShellCommand[] {
  // One call into WASM for all commands: walking every node from JS costs a boundary crossing per node.
  const found = root.descendantsOfType('command').filter((n): n is TSNode => !!n);
  found.sort((a, b) => a.startIndex - b.startIndex);
  const indexOf = new Map(found.map((n, i) => [n.id, i]));
  const out: ShellCommand[] = [];
  const values = new ShellValues(root, at, text);
  for (const n of found) {
    const name = n.childForFieldName('name');
    const nodes = name ? [name, ...n.childrenForFieldName('argument')].filter((w): w is TSNode => !!w) : [];
    const words = values.expandAll(nodes);
    const stmt = has.redirects ? statementOf(n) : n;
    out.push({ words, loc: at(n.startIndex, n.endIndex), statement: stmt.text, pipedFrom: has.pipes ? pipeSource(stmt, indexOf) : undefined });
  }
  return out;
}

/**
 * The statement a command belongs to, with its redirections: tree-sitter-bash may hang `> file` on the
 * command (`echo x > f`) or on an enclosing `&&` list (`a && echo x > f`).
 */
function statementOf(n: TSNode): TSNode {
  for (let p = n.parent; p && (p.type === 'redirected_statement' || p.type === 'list'); p = p.parent) {
    if (p.type === 'redirected_statement') return p;
  }
  return n;
}

/** In `a | b`, b reads a's output: the last command of the previous pipeline stage. */
function pipeSource(stmt: TSNode, indexOf: Map<number, number>): number | undefined {
  const parent = stmt.parent;
  if (parent?.type !== 'pipeline') return undefined;
  let prev = stmt.previousNamedSibling;
  while (prev && prev.type !== 'command' && prev.type !== 'redirected_statement' && prev.type !== 'subshell' && prev.type !== 'compound_statement') prev = prev.previousNamedSibling;
  if (!prev) return undefined;
  const cmd = prev.type === 'command' ? prev : prev.descendantsOfType('command').pop();
  return cmd ? indexOf.get(cmd.id) : undefined;
}
