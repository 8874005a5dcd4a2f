/**
 * Shell via tree-sitter-bash (WASM). Loaded lazily: only runs that meet a shell file pay the ~15 ms start.
 * The output is a flat list of simple commands, each word located, wherever it sits
 * (pipelines, lists, `$(…)`, functions, loops).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Node as TSNode } from 'web-tree-sitter';
import type { Loc } from '../types.js';
import type { TextIndex } from './text-index.js';
import type { ParseProblem } from './result.js';

export interface ShellWord {
  /** The word with quotes removed; expansions (`$HOME`, `$(pwd)`) kept as written. */
  text: string;
  loc: Loc;
  /** Contains an expansion or substitution: its runtime value is not known here. */
  dynamic: boolean;
}

export interface ShellCommand {
  /** words[0] is the command name. */
  words: ShellWord[];
  /** `NAME=value` prefixes (`FOO=1 cmd`). */
  assignments: ShellWord[];
  loc: Loc;
}

export interface ShellParse {
  commands: ShellCommand[];
  /** Set when tree-sitter had to recover from a syntax error; the commands are still what it could read. */
  problem?: ParseProblem;
}

let parser: Parser | undefined;

/** Finds a WASM file next to the bundle (dist/) or, when running from sources, in node_modules. */
function wasmPath(file: string, pkg: string): string {
  const beside = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve(`${pkg}/${file}`);
}

export async function loadShellParser(): Promise<void> {
  if (parser) return;
  // V8 otherwise optimises the 1.3 MB grammar with TurboFan on background threads, and the process waits
  // ~300 ms for that at exit; the baseline compiler alone parses our scripts just as fast (measured: a
  // one-script run goes from 0.45 s to 0.11 s).
  v8.setFlagsFromString('--liftoff-only');
  const runtime = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter');
  await Parser.init({ locateFile: () => runtime });
  const bash = await Language.load(wasmPath('tree-sitter-bash.wasm', 'tree-sitter-bash'));
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
}

export function parseShell(index: TextIndex): ShellParse {
  if (!parser) throw new Error('internal: loadShellParser() must run before parseShell()');
  const tree = parser.parse(index.text);
  if (!tree) return { commands: [] };
  try {
    const commands: ShellCommand[] = [];
    collect(tree.rootNode, index, commands);
    const result: ShellParse = { commands };
    if (tree.rootNode.hasError) {
      const bad = firstError(tree.rootNode);
      if (bad) {
        result.problem = {
          message: `Shell syntax error near line ${index.position(bad.startIndex).line}; the rest of the script was still checked. Fix it: the shell will stop there too`,
          loc: index.loc(bad.startIndex, Math.max(bad.endIndex, bad.startIndex + 1)),
          severity: 'warning',
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

function collect(root: TSNode, index: TextIndex, out: ShellCommand[]): void {
  const stack: TSNode[] = [root];
  const found: TSNode[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'command') found.push(n);
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  found.sort((a, b) => a.startIndex - b.startIndex);
  for (const n of found) {
    const name = n.childForFieldName('name');
    if (!name) continue;
    const words = [name, ...n.childrenForFieldName('argument')].map((w) => toWord(w, index));
    const assignments = n.children.filter((c): c is TSNode => !!c && c.type === 'variable_assignment').map((w) => toWord(w, index));
    out.push({ words, assignments, loc: index.loc(n.startIndex, n.endIndex) });
  }
}

function toWord(node: TSNode, index: TextIndex): ShellWord {
  const state = { dynamic: false };
  const text = unquote(node, state);
  return { text, loc: index.loc(node.startIndex, node.endIndex), dynamic: state.dynamic };
}

function unquote(node: TSNode, state: { dynamic: boolean }): string {
  switch (node.type) {
    case 'command_name':
    case 'concatenation':
      return node.children.map((c) => (c ? unquote(c, state) : '')).join('');
    case 'word':
      return node.text.replace(/\\(.)/gs, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
      // Keep the inner text as written; expansions inside mark the word dynamic.
      if (node.descendantsOfType(['expansion', 'simple_expansion', 'command_substitution']).length) state.dynamic = true;
      return node.text.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
    case 'expansion':
    case 'simple_expansion':
    case 'command_substitution':
    case 'process_substitution':
    case 'arithmetic_expansion':
      state.dynamic = true;
      return node.text;
    default:
      return node.text;
  }
}
