/**
 * A dotenv file (`.gemini/.env`) into the located tree: one map entry per `NAME=value` line, as the `dotenv`
 * package reads it (optional `export `, `#` comments, single, double or back quotes, an inline ` #` comment
 * after an unquoted value). Line-oriented because the format is: each line is its own statement.
 */
import type { TextIndex } from './text-index.js';
import type { LEntry, LNode } from './tree.js';

const LINE = /^([ \t]*(?:export[ \t]+)?)([\w.-]+)[ \t]*=[ \t]*(.*)$/;

export function parseDotenv(index: TextIndex): LNode {
  const entries: LEntry[] = [];
  const text = index.text;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = LINE.exec(line);
    if (m) {
      const keyStart = offset + m[1].length;
      const valueStart = offset + line.length - m[3].length;
      const { value, length } = dotenvValue(m[3]);
      entries.push({
        key: m[2],
        keyLoc: index.loc(keyStart, keyStart + m[2].length),
        value: { type: 'scalar', value, loc: index.loc(valueStart, valueStart + length) },
      });
    }
    offset += raw.length + 1;
  }
  return { type: 'map', entries, loc: index.loc(0, text.length) };
}

function dotenvValue(v: string): { value: string; length: number } {
  const q = v[0];
  if (q === '"' || q === "'" || q === '`') {
    const end = v.indexOf(q, 1);
    if (end > 0) return { value: q === '"' ? v.slice(1, end).replace(/\\n/g, '\n') : v.slice(1, end), length: end + 1 };
  }
  const hash = v.search(/[ \t]#/);
  const bare = (hash >= 0 ? v.slice(0, hash) : v).trimEnd();
  return { value: bare, length: bare.length };
}
