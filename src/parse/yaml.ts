/** YAML (compose files, the config file) into the located tree, via `yaml` with ranges. */
import { parseDocument, isAlias, isMap, isScalar, isSeq, type Node as YNode, type Document } from 'yaml';
import { TextIndex } from './text-index.js';
import { ParseFailure, syntaxFailure } from './result.js';
import type { LEntry, LNode } from './tree.js';

/** Node budget for alias expansion: a "billion laughs" file stops here instead of eating memory. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 500;

export function parseYaml(index: TextIndex): LNode {
  // YAML counts a lone CR as a line break, the `yaml` package does not; the same length keeps offsets valid.
  const text = index.text.includes('\r') ? index.text.replace(/\r(?!\n)/g, '\n') : index.text;
  const doc = parseDocument(text, { prettyErrors: false, strict: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = index.loc(err.pos[0], Math.max(err.pos[1], err.pos[0] + 1));
    throw syntaxFailure(`${firstLine(err.message)} (line ${at.start.line}, column ${at.start.column})`, at);
  }
  const budget: Budget = { nodes: 0, aliases: new Map() };
  const root = doc.contents as YNode | null;
  if (!root) return { type: 'map', entries: [], loc: index.loc(0, 0) };
  return convert(root, doc, index, budget, 0);
}

/** Nodes converted so far, and each alias's target looked up once. */
interface Budget {
  nodes: number;
  aliases: Map<YNode, YNode | null>;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function rangeLoc(node: YNode, index: TextIndex) {
  const r = node.range;
  return r ? index.loc(r[0], r[1]) : index.loc(0, 0);
}

function convert(node: YNode, doc: Document, index: TextIndex, budget: Budget, depth: number): LNode {
  const loc = rangeLoc(node, index);
  if (++budget.nodes > MAX_NODES) {
    throw new ParseFailure({ message: `The file expands to more than ${MAX_NODES} nodes through aliases (an alias bomb?), so it was not checked`, loc });
  }
  if (depth > MAX_DEPTH) throw new ParseFailure({ message: `The file nests deeper than ${MAX_DEPTH} levels, so it was not checked`, loc });
  if (isAlias(node)) {
    // yaml's resolve() walks the whole document each time: an alias bomb would cost seconds before the budget stops it.
    let target = budget.aliases.get(node);
    if (target === undefined) {
      target = node.resolve(doc) ?? null;
      budget.aliases.set(node, target);
    }
    if (!target) throw syntaxFailure(`unknown alias *${node.source}`, loc);
    // The value is the anchor's, but findings point at the alias: that is where this service uses it.
    return relocate(convert(target as YNode, doc, index, budget, depth + 1), loc);
  }
  if (isMap(node)) {
    const entries: LEntry[] = [];
    const merged: LEntry[] = [];
    for (const pair of node.items) {
      const k = pair.key as YNode | null;
      const key = k && isScalar(k) ? String(k.value) : '';
      const keyLoc = k ? rangeLoc(k, index) : loc;
      const v = pair.value as YNode | null;
      const value: LNode = v ? convert(v, doc, index, budget, depth + 1) : { type: 'scalar', value: null, loc: keyLoc };
      if (key === '<<') {
        // Merge keys (`<<: *defaults`) are how compose files share settings between services.
        const sources = value.type === 'seq' ? value.items : [value];
        for (const s of sources) if (s.type === 'map') merged.push(...s.entries);
      } else {
        entries.push({ key, keyLoc, value });
      }
    }
    const own = new Set(entries.map((e) => e.key));
    return { type: 'map', loc, entries: [...merged.filter((e) => !own.has(e.key)), ...entries] };
  }
  if (isSeq(node)) {
    return { type: 'seq', loc, items: node.items.map((i) => convert(i as YNode, doc, index, budget, depth + 1)) };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    return { type: 'scalar', loc, value };
  }
  return { type: 'scalar', loc, value: null };
}

function relocate(n: LNode, loc: LNode['loc']): LNode {
  return { ...n, loc };
}
