/**
 * Fixture expectations: `expect: <rule-id>[, <rule-id>]` in a comment at the end of the offending line,
 * or, for files without comments (strict JSON) and lines that cannot take one (a continued shell line),
 * a sidecar `expect.txt` in the case folder with lines `<file>:<line> <rule-id>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { walkFiles } from './project.js';

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
}

const INLINE = /(?:#|\/\/|\/\*)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

export function readExpectations(caseDir: string): Expectation[] {
  const out: Expectation[] = [];
  for (const rel of walkFiles(caseDir).map((abs) => path.relative(caseDir, abs).split(path.sep).join('/'))) {
    const text = readFileSync(path.join(caseDir, rel), 'utf8');
    if (rel === 'expect.txt') {
      for (const raw of text.split('\n')) {
        const line = raw.replace(/#.*/, '').trim();
        if (!line) continue;
        const m = /^(.+):(\d+)\s+([a-z0-9-]+)$/.exec(line);
        if (!m) throw new Error(`${caseDir}/expect.txt: cannot read "${raw}" (want "<file>:<line> <rule-id>")`);
        out.push({ file: m[1], line: Number(m[2]), ruleId: m[3] });
      }
      continue;
    }
    text.split(/\r\n|\n|\r/).forEach((l, i) => {
      const m = INLINE.exec(l);
      if (m) for (const id of m[1].split(',')) out.push({ file: rel, line: i + 1, ruleId: id.trim() });
    });
  }
  return out;
}

export function key(e: Expectation): string {
  return `${e.file}:${e.line} ${e.ruleId}`;
}
