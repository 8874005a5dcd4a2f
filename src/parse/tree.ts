/**
 * One located tree for every structured format (JSONC, YAML, later TOML): the model builders read
 * maps, sequences and scalars without knowing which parser produced them.
 */
import type { Loc, Located } from '../types.js';

export type Scalar = string | number | boolean | null;

export interface LScalar {
  type: 'scalar';
  value: Scalar;
  loc: Loc;
}
export interface LSeq {
  type: 'seq';
  items: LNode[];
  loc: Loc;
}
export interface LEntry {
  key: string;
  keyLoc: Loc;
  value: LNode;
}
export interface LMap {
  type: 'map';
  entries: LEntry[];
  loc: Loc;
}
export type LNode = LScalar | LSeq | LMap;

export function isMap(n: LNode | undefined): n is LMap {
  return n?.type === 'map';
}
export function isSeq(n: LNode | undefined): n is LSeq {
  return n?.type === 'seq';
}
export function isScalar(n: LNode | undefined): n is LScalar {
  return n?.type === 'scalar';
}

/** The last entry wins, as in JSON.parse and compose. */
export function entry(map: LNode | undefined, key: string): LEntry | undefined {
  if (!isMap(map)) return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

export function get(map: LNode | undefined, key: string): LNode | undefined {
  return entry(map, key)?.value;
}

export function getPath(node: LNode | undefined, ...keys: string[]): LNode | undefined {
  let n = node;
  for (const k of keys) n = get(n, k);
  return n;
}

/** A scalar's value as text (numbers and booleans too), or undefined for maps, sequences and null. */
export function str(n: LNode | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

/** A scalar as located text (numbers and booleans as text), or undefined. */
export function located(n: LNode | undefined): Located<string> | undefined {
  const s = str(n);
  return s !== undefined && n ? { value: s, loc: n.loc } : undefined;
}

/** The boolean `true` itself (not the string "true"): how JSON and YAML files switch a setting on. */
export function isTrue(n: LNode | undefined): boolean {
  return isScalar(n) && n.value === true;
}

export function truthy(n: LNode | undefined): boolean {
  if (!isScalar(n)) return false;
  return n.value === true || n.value === 'true' || n.value === 'True' || n.value === 'yes';
}

export function items(n: LNode | undefined): LNode[] {
  return isSeq(n) ? n.items : [];
}
