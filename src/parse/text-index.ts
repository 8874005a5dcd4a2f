/** Offset ↔ line/column for one file's text. Parsers that report offsets (jsonc-parser, yaml) go through this. */
import type { Loc, Position } from '../types.js';

export class TextIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly file: string, readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n counts once; a lone \r is a line end too (old Mac files).
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  /** The offset of a 1-based line and column (the inverse of position). */
  offset(p: Position): number {
    const s = this.lineStarts[p.line - 1];
    return s === undefined ? this.text.length : Math.min(this.text.length, s + p.column - 1);
  }

  /** A location kept as offsets; its line and column are worked out when read (most never are). */
  loc(start: number, end: number): Loc {
    return new OffsetLoc(this, start, Math.max(start, end));
  }

  /** Text of one line (1-based), without its line end. */
  lineText(line: number): string {
    const s = this.lineStarts[line - 1];
    if (s === undefined) return '';
    const e = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/** A zero-width location at the start of a file: for findings about a file as a whole. */
export function fileStart(file: string): Loc {
  return { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

/**
 * Parsers locate every node and word, and a 10,000-file run holds millions of locations of which rules read a
 * few: two offsets (48 bytes) instead of two position objects (128 bytes), and no line search until read.
 * The fields are private (`#`), so the object compares, prints and serialises as a plain `Loc`.
 */
class OffsetLoc implements Loc {
  readonly #index: TextIndex;
  readonly #from: number;
  readonly #to: number;

  constructor(index: TextIndex, from: number, to: number) {
    this.#index = index;
    this.#from = from;
    this.#to = to;
  }

  get file(): string {
    return this.#index.file;
  }

  get start(): Position {
    return this.#index.position(this.#from);
  }

  get end(): Position {
    return this.#index.position(this.#to);
  }

  toJSON(): Loc {
    return { file: this.file, start: this.start, end: this.end };
  }
}
