/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte the same: a report over thousands of files is tens
 * of megabytes, and the CLI writes it as it is made instead of holding the whole text and its encoded copy
 * (10,000 files: a 28 MB JSON report, a 60 MB SARIF log).
 */

/** Arrays and objects this shallow are taken apart; deeper values are written whole. */
const SPLIT_DEPTH = 4;
/** A long array (findings, SARIF results) is written this many elements per JSON.stringify call. */
const BATCH = 256;

export function* prettyJson(value: unknown, depth = 0): Generator<string> {
  if (depth < SPLIT_DEPTH && Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    if (value.length >= BATCH) {
      for (let i = 0; i < value.length; i += BATCH) {
        // `[\n  a,\n  b\n]` without its brackets: the elements, indented for depth 0.
        const inner = JSON.stringify(value.slice(i, i + BATCH), null, 2).slice(2, -2);
        yield `${i ? ',' : '['}\n${indent(inner, depth)}`;
      }
      return yield `\n${pad(depth)}]`;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : '['}\n${pad(depth + 1)}`;
      const v: unknown = value[i];
      // As JSON.stringify: what JSON cannot hold is null in an array.
      yield* prettyJson(v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v, depth + 1);
    }
    return yield `\n${pad(depth)}]`;
  }
  if (depth < SPLIT_DEPTH && isPlainObject(value)) {
    // As JSON.stringify: what JSON cannot hold is left out of an object.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length === 0) return yield '{}';
    for (let i = 0; i < entries.length; i++) {
      yield `${i ? ',' : '{'}\n${pad(depth + 1)}${JSON.stringify(entries[i][0])}: `;
      yield* prettyJson(entries[i][1], depth + 1);
    }
    return yield `\n${pad(depth)}}`;
  }
  const text = JSON.stringify(value, null, 2) ?? 'null';
  yield depth ? text.replaceAll('\n', `\n${pad(depth)}`) : text;
}

/** JSON text holds no raw line breaks inside strings: every one is layout, shifted one level per depth. */
function indent(text: string, depth: number): string {
  return depth ? pad(depth) + text.replaceAll('\n', `\n${pad(depth)}`) : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function pad(depth: number): string {
  return '  '.repeat(depth);
}

/** Pieces joined into blocks of about `size` characters, so that each write is worth its system call. */
export function* blocks(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
