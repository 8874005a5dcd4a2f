/**
 * TOML (Codex config.toml) into the located tree, via toml-eslint-parser, which keeps every node's range
 * (smol-toml keeps none). Tables (`[a.b]`), arrays of tables (`[[a]]`), dotted keys (`a.b = 1`) and inline
 * tables all become nested maps, so the model reads `get(tree, 'sandbox_workspace_write')` whatever the spelling.
 */
import { ParseError, parseTOML, type AST } from 'toml-eslint-parser';
import type { Loc } from '../types.js';
import { TextIndex } from './text-index.js';
import { syntaxFailure } from './result.js';
import type { LEntry, LMap, LNode, LSeq } from './tree.js';

// The parser itself is iterative, but the conversion below recurses: refuse nesting no config has.
const MAX_DEPTH = 500;

export function parseToml(index: TextIndex): LNode {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(index.text);
  } catch (e) {
    if (e instanceof ParseError) {
      // An error found at the start of the next line (`key =` then a newline) belongs to the line before it.
      let offset = e.index;
      if (e.column === 0 || offset >= index.text.length) while (offset > 0 && /\s/.test(index.text[offset - 1])) offset--;
      const at = index.loc(Math.max(0, offset - (offset === e.index ? 0 : 1)), Math.max(1, offset + (offset === e.index ? 1 : 0)));
      throw syntaxFailure(`${e.message.replace(/\.$/, '').toLowerCase()} at line ${at.start.line}, column ${at.start.column}`, at);
    }
    throw e;
  }
  const top = ast.body[0];
  const root: LMap = { type: 'map', entries: [], loc: rangeLoc(index, top.range) };
  for (const node of top.body) {
    if (node.type === 'TOMLKeyValue') {
      addKeyValue(root, node, index, 0);
      continue;
    }
    const path = node.key.keys.map(keyName);
    const headerLoc = rangeLoc(index, node.key.range);
    let table: LMap;
    if (node.kind === 'array') {
      // `[[a.b]]`: one more map appended to the sequence at a.b.
      const parent = descend(root, path.slice(0, -1), node.key.keys.slice(0, -1), index, headerLoc);
      const last = node.key.keys[node.key.keys.length - 1];
      let seq = findEntry(parent, path[path.length - 1]);
      if (!seq || seq.value.type !== 'seq') {
        const s: LSeq = { type: 'seq', items: [], loc: rangeLoc(index, node.range) };
        seq = { key: path[path.length - 1], keyLoc: rangeLoc(index, last.range), value: s };
        parent.entries.push(seq);
      }
      table = { type: 'map', entries: [], loc: rangeLoc(index, node.range) };
      (seq.value as LSeq).items.push(table);
    } else {
      table = descend(root, path, node.key.keys, index, headerLoc);
      // The table's own span: its header through its last key, so a finding about the table points at it.
      table.loc = rangeLoc(index, node.range);
    }
    checkDepth(path.length, index, node.range);
    for (const kv of node.body) addKeyValue(table, kv, index, path.length);
  }
  return root;
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

function rangeLoc(index: TextIndex, r: [number, number]): Loc {
  return index.loc(r[0], r[1]);
}

function findEntry(map: LMap, key: string): LEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

function checkDepth(depth: number, index: TextIndex, range: [number, number]): void {
  if (depth > MAX_DEPTH) {
    const at = index.loc(range[0], range[0] + 1);
    throw syntaxFailure(`nesting deeper than ${MAX_DEPTH} levels at line ${at.start.line}`, at);
  }
}

/**
 * The map at `path` below `map`, creating the missing ones. Into an array of tables, a path continues in
 * its last element, as TOML defines (`[[a]]` then `[a.b]` is `b` of the last `a`).
 */
function descend(map: LMap, path: string[], keys: (AST.TOMLBare | AST.TOMLQuoted)[], index: TextIndex, loc: Loc): LMap {
  let cur = map;
  path.forEach((k, i) => {
    const e = findEntry(cur, k);
    if (e && e.value.type === 'map') {
      cur = e.value;
      return;
    }
    if (e && e.value.type === 'seq') {
      const last = e.value.items[e.value.items.length - 1];
      if (last && last.type === 'map') {
        cur = last;
        return;
      }
    }
    // The parser rejects redefinitions, so a missing map is the only case left.
    const m: LMap = { type: 'map', entries: [], loc };
    cur.entries.push({ key: k, keyLoc: rangeLoc(index, keys[i].range), value: m });
    cur = m;
  });
  return cur;
}

function addKeyValue(map: LMap, kv: AST.TOMLKeyValue, index: TextIndex, depth: number): void {
  const keys = kv.key.keys;
  const path = keys.map(keyName);
  checkDepth(depth + path.length, index, kv.range);
  const parent = descend(map, path.slice(0, -1), keys.slice(0, -1), index, rangeLoc(index, kv.key.range));
  parent.entries.push({
    key: path[path.length - 1],
    keyLoc: rangeLoc(index, keys[keys.length - 1].range),
    value: convert(kv.value, index, depth + path.length),
  });
}

function convert(node: AST.TOMLContentNode, index: TextIndex, depth: number): LNode {
  checkDepth(depth, index, node.range);
  const loc = rangeLoc(index, node.range);
  switch (node.type) {
    case 'TOMLArray':
      return { type: 'seq', loc, items: node.elements.map((e) => convert(e, index, depth + 1)) };
    case 'TOMLInlineTable': {
      const m: LMap = { type: 'map', entries: [], loc };
      for (const kv of node.body) addKeyValue(m, kv, index, depth + 1);
      return m;
    }
    default:
      switch (node.kind) {
        case 'string':
        case 'boolean':
          return { type: 'scalar', loc, value: node.value };
        case 'integer':
        case 'float':
          return { type: 'scalar', loc, value: node.value };
        default:
          // Dates have no meaning in any key we read; keep them as written.
          return { type: 'scalar', loc, value: node.datetime };
      }
  }
}
