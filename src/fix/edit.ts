/**
 * Text edits that keep a file as its author wrote it: comments, order, indentation and line ends. JSONC goes
 * through jsonc-parser's `modify` with the file's own formatting; YAML edits are placed from the `yaml` parser's
 * node ranges (the located tree), inserting whole lines at the map's own indentation; argv edits insert a word.
 */
import { applyEdits, modify } from 'jsonc-parser';
import type { Loc, TextEdit } from '../types.js';
import type { TextIndex } from '../parse/text-index.js';
import { get, isMap, isSeq, type LMap, type LNode, type LSeq } from '../parse/tree.js';

/** Applies non-overlapping edits (as `--fix` does, and tests to check a fix). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indentation unit, from its first indented line (two spaces when none is). */
function indentUnit(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return { insertSpaces: true, tabSize: 2 };
  if (m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m[1].length };
}

/**
 * Sets `path` to `value` in a JSONC text, creating the objects on the way. Where the located tree shows the place,
 * the edit is one insertion in the file's own layout (a new key on its own line at its neighbours' indentation,
 * or on the line of a one-line object); other shapes go through jsonc-parser's `modify` with the file's formatting.
 */
export function jsonSet(index: TextIndex, root: LMap | undefined, path: string[], value: unknown): TextEdit[] {
  if (root && !walk(root, path)) {
    const e = addNested(index, root, path, value);
    if (e) return e;
  }
  return viaModify(index.text, [{ path, value, append: false }]);
}

/** Appends `items` to the array at `path` (made when missing): a one-line array stays one line, a multi-line one gains lines. */
export function jsonAppend(index: TextIndex, root: LMap | undefined, path: string[], items: unknown[]): TextEdit[] {
  const node = root ? walk(root, path) : undefined;
  if (isSeq(node)) {
    const e = appendJsonItems(index, node, items);
    if (e) return [e];
  } else if (root && !node) {
    const e = addNested(index, root, path, items);
    if (e) return e;
  }
  return viaModify(index.text, items.map((value) => ({ path, value, append: true })));
}

/** The deepest existing object on the path gets the rest of it as one new key. */
function addNested(index: TextIndex, root: LMap, path: string[], value: unknown): TextEdit[] | undefined {
  let parent: LMap = root;
  let i = 0;
  for (; i < path.length - 1; i++) {
    const next = get(parent, path[i]);
    if (!isMap(next)) break;
    parent = next;
  }
  return addJsonEntry(index, parent, path[i], path.slice(i + 1).reduceRight<unknown>((v, k) => ({ [k]: v }), value));
}

/** jsonc-parser's `modify`, one change after another, as one edit of the original text. */
function viaModify(text: string, changes: { path: string[]; value: unknown; append: boolean }[]): TextEdit[] {
  const formattingOptions = { ...indentUnit(text), eol: eolOf(text) };
  let out = text;
  for (const c of changes) out = applyEdits(out, modify(out, c.append ? [...c.path, -1] : c.path, c.value, { formattingOptions, isArrayInsertion: c.append }));
  if (out === text) return [];
  let p = 0;
  while (p < text.length && p < out.length && text[p] === out[p]) p++;
  let q = 0;
  while (q < text.length - p && q < out.length - p && text[text.length - 1 - q] === out[out.length - 1 - q]) q++;
  return [{ offset: p, length: text.length - p - q, text: out.slice(p, out.length - q) }];
}

function walk(root: LMap, path: string[]): LNode | undefined {
  let n: LNode | undefined = root;
  for (const k of path) n = get(n, k);
  return n;
}

/** The end of a value's line when only a comment follows it there, else the value's end. */
function afterValue(text: string, end: number): { comma: number; lineEnd: number | undefined } {
  const rest = /^[ \t]*(,?)[ \t]*(\/\/[^\r\n]*|\/\*.*?\*\/[ \t]*)?(\r?\n|$)/.exec(text.slice(end));
  if (!rest) return { comma: -1, lineEnd: undefined };
  return { comma: rest[1] ? end + rest[0].indexOf(',') + 1 : -1, lineEnd: rest[2] ? end + rest[0].length - rest[3].length : undefined };
}

function appendJsonItems(index: TextIndex, seq: LSeq, items: unknown[]): TextEdit | undefined {
  const text = index.text;
  const last = seq.items.at(-1);
  const json = items.map((v) => JSON.stringify(v));
  if (!last) {
    const open = index.offset(seq.loc.start);
    return text[open] === '[' ? { offset: open + 1, length: 0, text: json.join(', ') } : undefined;
  }
  const start = index.offset(last.loc.start);
  const end = index.offset(last.loc.end);
  const after = afterValue(text, end);
  const sameLine = !text.slice(index.offset(seq.loc.start), start).includes('\n');
  if (sameLine) return after.comma >= 0 ? { offset: after.comma, length: 0, text: ` ${json.join(', ')},` } : { offset: end, length: 0, text: `, ${json.join(', ')}` };
  const indent = text.slice(lineStart(text, start), start);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const eol = eolOf(text);
  const lines = json.map((j) => `${eol}${indent}${j}`).join(',');
  return after.comma >= 0 ? { offset: after.comma, length: 0, text: `${lines},` } : { offset: end, length: 0, text: `,${lines}` };
}

/** A new `"key": value` after an object's last entry, on its own line at that entry's indentation. */
function addJsonEntry(index: TextIndex, map: LMap, key: string, value: unknown): TextEdit[] | undefined {
  const text = index.text;
  const last = map.entries.at(-1);
  if (!last) return undefined;
  const keyAt = index.offset(last.keyLoc.start);
  const indent = text.slice(lineStart(text, keyAt), keyAt);
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']')}`;
  const end = index.offset(last.value.loc.end);
  const after = afterValue(text, end);
  if (!/^[ \t]*$/.test(indent)) {
    // A one-line object (`{ "a": 1 }`): the key goes after the last entry on the same line.
    return after.comma >= 0 ? [{ offset: after.comma, length: 0, text: ` ${entry},` }] : [{ offset: end, length: 0, text: `, ${entry}` }];
  }
  const eol = eolOf(text);
  if (after.comma >= 0) return [{ offset: after.lineEnd ?? after.comma, length: 0, text: `${eol}${indent}${entry},` }];
  // `"a": 1 // why` → `"a": 1, // why` and the new key on the next line, so the comment stays with its line.
  if (after.lineEnd !== undefined && after.lineEnd > end) return [{ offset: end, length: 0, text: ',' }, { offset: after.lineEnd, length: 0, text: `${eol}${indent}${entry}` }];
  return [{ offset: end, length: 0, text: `,${eol}${indent}${entry}` }];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where a new line goes after a node: after the line its value ends on. */
function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Adds `key:` with a block list (`items`) or a scalar (`scalar`) at the end of a block mapping, at the
 * indentation of its keys. Undefined for a flow mapping (`{a: 1}`) or an empty one, where a line cannot be added
 * in the file's own style.
 */
export function yamlAddEntry(index: TextIndex, map: LMap, key: string, value: { items: string[] } | { scalar: string }): TextEdit | undefined {
  const text = index.text;
  const first = map.entries[0];
  const last = map.entries.at(-1);
  if (!first || !last || text[index.offset(map.loc.start)] === '{') return undefined;
  const keyAt = index.offset(first.keyLoc.start);
  const indent = text.slice(lineStart(text, keyAt), keyAt);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const eol = eolOf(text);
  const at = afterLine(text, index.offset(last.value.loc.end));
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  const step = indent.includes('\t') ? '\t' : '  ';
  const body = 'items' in value ? `${indent}${key}:${eol}${value.items.map((i) => `${indent}${step}- ${i}${eol}`).join('')}` : `${indent}${key}: ${value.scalar}${eol}`;
  return { offset: at, length: 0, text: lead + body };
}

/** Appends an item to a YAML sequence: `, item` inside a flow list, a new `- item` line in a block list. */
export function yamlAppendItem(index: TextIndex, seq: LSeq, item: string): TextEdit | undefined {
  const text = index.text;
  const start = index.offset(seq.loc.start);
  const last = seq.items.at(-1);
  if (text[start] === '[') {
    const end = index.offset(seq.loc.end);
    const close = text.lastIndexOf(']', end);
    if (close < start) return undefined;
    return { offset: last ? index.offset(last.loc.end) : close, length: 0, text: last ? `, ${item}` : item };
  }
  if (!last) return undefined;
  const dash = text.lastIndexOf('-', index.offset(last.loc.start));
  const ls = lineStart(text, dash);
  const indent = text.slice(ls, dash);
  if (dash < 0 || !/^[ \t]*$/.test(indent)) return undefined;
  const eol = eolOf(text);
  const at = afterLine(text, index.offset(last.loc.end));
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  return { offset: at, length: 0, text: `${lead}${indent}- ${item}${eol}` };
}

/** Inserts a word after a located word of a command line (` --cap-drop=ALL` after `run`). */
export function insertAfter(index: TextIndex, loc: Loc, word: string): TextEdit {
  return { offset: index.offset(loc.end), length: 0, text: ` ${word}` };
}
