/**
 * A small, bounded constant propagation over one shell script: what `"${args[@]}"`, `$IMG`,
 * `${IMG:-box:latest}` or `"$DOCKER"` hold when the script assigns them literal values.
 *
 * Flow-insensitive on purpose: an array is the union of every assignment and append in the script (inside
 * `if`, `case` and functions too), because a flag that may be passed counts; a scalar takes the last assignment
 * written before the use (else the first). Every expanded word keeps the place where its value was written (the
 * array element, the assignment), so a finding points there.
 */
import type { Node as TSNode } from 'web-tree-sitter';
import type { LocMapper, ShellWord } from './shell.js';

/** Limits per script, so a hostile one cannot make the expansion slow or large. */
export const EXPANSION_BUDGET = { depth: 6, steps: 20000, elements: 512, length: 8192 };

interface Assignment {
  start: number;
  append: boolean;
  /** The `(…)` elements of an array assignment (each the nodes of one word), else undefined. */
  elements?: TSNode[][];
  /** `for v in …; do args+=(-e "$v"); done`: the elements are added once per value of the loop's variable. */
  loop?: { name: string; values: TSNode[] };
  value?: TSNode;
}

/** Names whose unknown unquoted value is usually a list of flags (`$DOCKER_ARGS`), not one word. */
const LIST_NAME = /(?:ARGS|OPTS|OPTIONS|FLAGS|PARAMS|EXTRA)$/i;

export class ShellValues {
  private table: Map<string, Assignment[]> | undefined;
  /** A loop variable's value while the elements of an append inside that loop are expanded. */
  private readonly bound = new Map<string, ShellWord>();
  private readonly runtime = new Set<string>();
  /**
   * Variables being expanded, each with where the assignment being read starts: `X="$X --more"` reads the `$X`
   * inside it from the assignment written before that one (the shell's value at that point).
   */
  private readonly active = new Map<string, number>();
  /** Expansion steps taken in this script; past the budget every further expansion is an unknown word. */
  private steps = 0;

  constructor(
    private readonly root: TSNode,
    private readonly at: LocMapper,
    /** The parsed text (the root's), read here without a call into the parser. */
    private readonly source: string,
  ) {}

  /** Read on the first expansion: most commands have none, and then the tree is not walked for assignments. */
  private get assignments(): Map<string, Assignment[]> {
    if (this.table) return this.table;
    this.table = new Map();
    const loops = /\bfor\b/.test(this.source)
      ? this.root.descendantsOfType('for_statement').flatMap((f) => {
          const v = f?.childForFieldName('variable');
          return f && v ? [{ start: f.startIndex, end: f.endIndex, name: v.text, values: f.childrenForFieldName('value').filter((x): x is TSNode => !!x) }] : [];
        })
      : [];
    for (const n of this.root.descendantsOfType('variable_assignment')) {
      // `X=1 cmd` sets X for that one command only; `cmd` itself is not affected by it in its own words.
      if (!n || n.parent?.type === 'command') continue;
      const nameNode = n.childForFieldName('name');
      if (!nameNode || nameNode.type !== 'variable_name') continue;
      const value = n.childForFieldName('value') ?? undefined;
      const append = n.children.some((c) => c?.type === '+=');
      const a: Assignment = { start: n.startIndex, append };
      if (value?.type === 'array') {
        a.elements = arrayWords(value);
        // The innermost loop around it whose variable it uses.
        const text = loops.length ? value.text : '';
        const loop = loops.filter((l) => l.start < n.startIndex && n.endIndex <= l.end && new RegExp(`\\$\\{?${l.name}\\b`).test(text)).sort((x, y) => y.start - x.start)[0];
        if (loop && loop.values.length) a.loop = { name: loop.name, values: loop.values };
      } else a.value = value;
      const list = this.table.get(nameNode.text) ?? [];
      list.push(a);
      this.table.set(nameNode.text, list);
    }
    // Names the script also sets at run time (`read -r a b`, `for a in …`, `mapfile a`, `printf -v a`,
    // `getopts … a`): what they hold is not known here, whatever literal they are also given.
    // Found from the text, so only the few such commands are looked at in the tree (each look is a WASM call).
    for (const l of loops) this.runtime.add(l.name);
    for (const m of this.source.matchAll(SETTER_WORD)) {
      let n: TSNode | null = this.root.descendantForIndex(m.index + m[1].length);
      while (n && n.type !== 'command') n = n.parent;
      if (n) for (const name of runtimeNames(n)) this.runtime.add(name);
    }
    for (const name of this.runtime) this.table.delete(name);
    return this.table;
  }

  /** The words of a command's argument nodes: nodes that touch are one word (see joinedWord). */
  expandAll(nodes: TSNode[]): ShellWord[] {
    const out: ShellWord[] = [];
    for (let i = 0; i < nodes.length; i++) {
      let j = i;
      while (j + 1 < nodes.length && nodes[j + 1].startIndex === nodes[j].endIndex) j++;
      out.push(...(j === i ? this.expand(nodes[i]) : [this.joinedWord(nodes.slice(i, j + 1), 0)]));
      i = j;
    }
    return out;
  }

  /** The words one argument node stands for after expansion. */
  expand(node: TSNode, depth = 0): ShellWord[] {
    if (node.type === 'command_name' && node.firstChild) return this.expand(node.firstChild, depth);
    const whole = this.wholeExpansion(node);
    if (whole && this.affordable(depth)) {
      const out = this.expandVariable(whole.ref, whole.quoted, node, depth);
      if (out) return out;
    }
    return [this.word(node, depth)];
  }

  private affordable(depth: number): boolean {
    return depth < EXPANSION_BUDGET.depth && ++this.steps <= EXPANSION_BUDGET.steps;
  }

  /** Nodes that touch with no space between them are one word (tree-sitter-bash splits `a:/h/$U/x` inside arrays). */
  private joinedWord(nodes: TSNode[], depth: number): ShellWord {
    const state = { dynamic: false };
    const text = nodes.map((n) => this.text(n, state, depth)).join('');
    return { text, loc: this.at(nodes[0].startIndex, nodes[nodes.length - 1].endIndex), dynamic: state.dynamic, start: nodes[0].startIndex };
  }

  /** One word, with known scalars substituted into its text (`"$WORK:/workspace"`). */
  private word(node: TSNode, depth: number): ShellWord {
    const state = { dynamic: false };
    const text = this.text(node, state, depth);
    return { text, loc: this.at(node.startIndex, node.endIndex), dynamic: state.dynamic, start: node.startIndex };
  }

  /** `$x`, `${x}`, `${x[@]}`, `${x:-def}`, alone or alone inside double quotes. */
  private wholeExpansion(node: TSNode): { ref: TSNode; quoted: boolean } | undefined {
    if (node.type === 'simple_expansion' || node.type === 'expansion') return { ref: node, quoted: false };
    if (node.type === 'string' && node.namedChildCount === 1) {
      const c = node.namedChild(0);
      if (c && (c.type === 'simple_expansion' || c.type === 'expansion') && c.endIndex - c.startIndex === node.endIndex - node.startIndex - 2) return { ref: c, quoted: true };
    }
    return undefined;
  }

  private expandVariable(ref: TSNode, quoted: boolean, node: TSNode, depth: number): ShellWord[] | undefined {
    const parsed = reference(ref);
    if (!parsed) return undefined;
    const { name, all, star, fallback, alternative } = parsed;
    const bound = this.bound.get(name);
    if (bound && !all) return quoted ? [bound] : splitFields(bound);
    if (alternative) {
      // Set in the script: the alternative's words; unknown: maybe they, maybe nothing.
      if (this.assignments.has(name)) return alternative.flatMap((n) => this.expand(n, depth + 1));
      return [{ text: ref.text, loc: this.at(node.startIndex, node.endIndex), dynamic: true, spread: true, start: node.startIndex }];
    }
    const known = this.assignments.get(name);
    const isArray = known?.some((a) => a.elements) ?? false;
    // `args=("${args[@]}" x)`: the union of every assignment already holds what the array had.
    if (known && isArray && this.active.has(name)) return [];
    const a = known && (this.active.has(name) ? this.scalarBefore(known, this.active.get(name)!) : this.scalarAt(known, node.startIndex));
    if (!known || (!isArray && !a)) {
      if (fallback) return [this.fallbackWord(ref, fallback, depth)];
      // Unknown: a list (or an unquoted list-like name) may be any number of words; never an image or a value.
      if (all || (!quoted && LIST_NAME.test(name))) return [{ text: ref.text, loc: this.at(node.startIndex, node.endIndex), dynamic: true, spread: true, start: node.startIndex }];
      return undefined;
    }
    const outer = this.active.get(name);
    this.active.set(name, a?.start ?? node.startIndex);
    try {
      if (isArray && (all || star)) {
        const words: ShellWord[] = [];
        const add = (elems: TSNode[][]) => {
          for (const e of elems) {
            if (words.length >= EXPANSION_BUDGET.elements) break;
            words.push(...(e.length === 1 ? this.expand(e[0], depth + 1) : [this.joinedWord(e, depth + 1)]));
          }
        };
        for (const a of known) {
          if (words.length >= EXPANSION_BUDGET.elements) break;
          const elems = a.elements ?? (a.value ? [[a.value]] : []);
          if (!a.loop || this.bound.has(a.loop.name)) {
            add(elems);
            continue;
          }
          const values = a.loop.values.flatMap((v) => this.expand(v, depth + 1));
          // Values the script does not know: the elements once, with the variable unknown, as before.
          if (values.some((v) => v.spread)) {
            add(elems);
            continue;
          }
          for (const value of values) {
            if (words.length >= EXPANSION_BUDGET.elements) break;
            this.bound.set(a.loop.name, value);
            try {
              add(elems);
            } finally {
              this.bound.delete(a.loop.name);
            }
          }
        }
        if (star && quoted) return [joined(words, this.at(node.startIndex, node.endIndex), node.startIndex)];
        return words;
      }
      const v = a?.value ?? a?.elements?.[0]?.[0];
      // An empty value: `""` is one empty word, an unquoted `$x` none.
      if (!v) return quoted ? [{ text: '', loc: this.at(node.startIndex, node.endIndex), dynamic: false, start: node.startIndex }] : [];
      const words = this.expand(v, depth + 1);
      if (quoted) return words.length === 1 ? words : [joined(words, this.at(node.startIndex, node.endIndex), node.startIndex)];
      return words.length === 1 ? splitFields(words[0]) : words;
    } finally {
      if (outer === undefined) this.active.delete(name);
      else this.active.set(name, outer);
    }
  }

  /** The default of `${x:-default}`, placed where it is written; `${x:-}` is the empty word at the expansion. */
  private fallbackWord(ref: TSNode, fallback: TSNode[], depth: number): ShellWord {
    const state = { dynamic: false };
    const text = fallback.map((n) => this.text(n, state, depth + 1)).join('');
    const first = fallback[0] ?? ref;
    const last = fallback.at(-1) ?? ref;
    return { text, loc: this.at(first.startIndex, last.endIndex), dynamic: state.dynamic, start: first.startIndex };
  }

  /** The last plain assignment written strictly before `offset` (what a self-reference reads), or none. */
  private scalarBefore(list: Assignment[], offset: number): Assignment | undefined {
    let best: Assignment | undefined;
    for (const a of list) if (a.start < offset && !a.append) best = a;
    return best;
  }

  /** The last plain assignment written before `offset`, else the first one. */
  private scalarAt(list: Assignment[], offset: number): Assignment {
    let best: Assignment | undefined;
    for (const a of list) if (a.start < offset && !a.append) best = a;
    return best ?? list.find((a) => !a.append) ?? list[0];
  }

  private text(node: TSNode, state: { dynamic: boolean }, depth: number): string {
    switch (node.type) {
      case 'command_name':
      case 'concatenation':
        return node.children.map((c) => (c ? this.text(c, state, depth) : '')).join('');
      case 'word':
        return node.text.replace(/\\(.)/gs, '$1');
      case 'raw_string':
        return node.text.slice(1, -1);
      case 'ansi_c_string':
        return node.text.slice(2, -1);
      case 'string': {
        const text = node.text;
        if (!/[$`]/.test(text)) return text.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
        // Literal parts as written, expansions replaced by their known value.
        let out = '';
        let cursor = node.startIndex + 1;
        const end = node.endIndex - 1;
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.startIndex > cursor) out += unescape(text.slice(cursor - node.startIndex, c.startIndex - node.startIndex));
          out += c.type === 'string_content' ? unescape(c.text) : this.text(c, state, depth);
          cursor = c.endIndex;
        }
        if (end > cursor) out += unescape(text.slice(cursor - node.startIndex, end - node.startIndex));
        return out;
      }
      case 'simple_expansion':
      case 'expansion': {
        const v = this.affordable(depth) ? this.scalarText(node, depth) : undefined;
        if (v === undefined || v.dynamic) state.dynamic = true;
        return v?.text ?? node.text;
      }
      case 'command_substitution':
      case 'process_substitution':
      case 'arithmetic_expansion':
        state.dynamic = true;
        return node.text;
      default:
        return node.text;
    }
  }

  /**
   * The value of `$x` inside a longer word, as text (`AWS=$HOME/.aws` makes `"$AWS:/x"` read `$HOME/.aws:/x`,
   * still dynamic through `$HOME`), or undefined when the script does not assign it.
   */
  private scalarText(ref: TSNode, depth: number): { text: string; dynamic: boolean } | undefined {
    const parsed = reference(ref);
    if (!parsed) return undefined;
    const bound = this.bound.get(parsed.name);
    if (bound) return { text: bound.text, dynamic: bound.dynamic };
    const known = this.assignments.get(parsed.name);
    if (parsed.alternative) {
      if (!known) return undefined;
      const state = { dynamic: false };
      const text = parsed.alternative.map((n) => this.text(n, state, depth + 1)).join('');
      return { text, dynamic: state.dynamic };
    }
    if (known?.some((a) => a.elements)) return undefined;
    const active = this.active.get(parsed.name);
    const a = known && (active === undefined ? this.scalarAt(known, ref.startIndex) : this.scalarBefore(known, active));
    if (!a) return parsed.fallback && !parsed.all ? this.fallbackWord(ref, parsed.fallback, depth) : undefined;
    const v = a.value;
    if (!v) return { text: '', dynamic: false };
    this.active.set(parsed.name, a.start);
    try {
      const state = { dynamic: false };
      const text = this.text(v, state, depth + 1);
      return text.length > EXPANSION_BUDGET.length ? undefined : { text, dynamic: state.dynamic };
    } finally {
      if (active === undefined) this.active.delete(parsed.name);
      else this.active.set(parsed.name, active);
    }
  }
}

interface Reference {
  name: string;
  /** `${x[@]}`: every element, each its own word. */
  all: boolean;
  /** `${x[*]}`: every element, joined when quoted. */
  star: boolean;
  /** `${x:-default}` / `${x-default}`: the default's nodes. */
  fallback?: TSNode[];
  /** `${x+word}` / `${x:+word}`: what stands there when x is set. */
  alternative?: TSNode[];
}

function reference(ref: TSNode): Reference | undefined {
  if (ref.type === 'simple_expansion') {
    const v = ref.namedChild(0);
    return v?.type === 'variable_name' ? { name: v.text, all: false, star: false } : undefined;
  }
  const kids = ref.namedChildren.filter((c): c is TSNode => !!c);
  const first = kids[0];
  if (!first) return undefined;
  if (first.type === 'subscript') {
    const name = first.childForFieldName('name');
    const index = first.childForFieldName('index');
    const op = ref.childForFieldName('operator')?.text;
    // `${args[@]+"${args[@]}"}` (the set -u idiom): the alternative when the array is set, nothing otherwise.
    if (name && (op === '+' || op === ':+') && kids.length > 1) return { name: name.text, all: false, star: false, alternative: kids.slice(1) };
    if (!name || kids.length > 1) return undefined;
    if (index?.text === '@') return { name: name.text, all: true, star: false };
    if (index?.text === '*') return { name: name.text, all: false, star: true };
    return undefined;
  }
  if (first.type !== 'variable_name') return undefined;
  if (kids.length === 1 && ref.childCount === 3) return { name: first.text, all: false, star: false };
  const op = ref.childForFieldName('operator')?.text;
  if (op === ':-' || op === '-') return { name: first.text, all: false, star: false, fallback: kids.slice(1) };
  if (op === ':+' || op === '+') return { name: first.text, all: false, star: false, alternative: kids.slice(1) };
  return undefined;
}

/** Variables a command sets from input: `read`, `mapfile`/`readarray`, `printf -v`, `getopts` (loop variables are found with the loops). */
function runtimeNames(n: TSNode): string[] {
  const prog = n.childForFieldName('name')?.text;
  if (!prog || !RUNTIME_SETTERS.has(prog)) return [];
  const args = n.childrenForFieldName('argument').filter((a): a is TSNode => !!a).map((a) => a.text);
  if (prog === 'printf') {
    const i = args.indexOf('-v');
    return i >= 0 && args[i + 1] ? [args[i + 1]] : [];
  }
  const names = args.filter((a) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(a));
  return prog === 'getopts' ? names.slice(-1) : names;
}

const RUNTIME_SETTERS = new Set(['read', 'mapfile', 'readarray', 'printf', 'getopts']);
/** A setter in command position, as text. */
const SETTER_WORD = /(^|[\s;&|(])(?:read|mapfile|readarray|getopts|printf\s+-v)\b/g;

/** The words of `(…)`: its element nodes, with the ones that touch (no space between) kept together. */
function arrayWords(array: TSNode): TSNode[][] {
  const out: TSNode[][] = [];
  let prevEnd = -1;
  for (const c of array.children) {
    if (!c || c.type === '(' || c.type === ')' || c.type === 'comment') {
      prevEnd = -1;
      continue;
    }
    if (c.startIndex === prevEnd && out.length) out[out.length - 1].push(c);
    else out.push([c]);
    prevEnd = c.endIndex;
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(["\\$`])/g, '$1');
}

function joined(words: ShellWord[], loc: ShellWord['loc'], start: number): ShellWord {
  return { text: words.map((w) => w.text).join(' '), loc, dynamic: words.some((w) => w.dynamic), start };
}

/**
 * An unquoted value splits on whitespace (`OPTS="--rm -it"; docker run $OPTS`); a part still holding an unknown
 * expansion is dynamic.
 */
function splitFields(w: ShellWord): ShellWord[] {
  const parts = w.text.split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts.length ? [w] : [];
  return parts.map((text) => ({ ...w, text, dynamic: w.dynamic && /[$`]/.test(text) }));
}
