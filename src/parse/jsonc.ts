/** JSONC (devcontainer.json, Claude settings, .mcp.json) into the located tree, via jsonc-parser. */
import { createScanner, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { TextIndex } from './text-index.js';
import { syntaxFailure } from './result.js';
import { BLOCK_COMMENT, CLOSE_BRACE, CLOSE_BRACKET, EOF, LINE_BREAK, LINE_COMMENT, OPEN_BRACE, OPEN_BRACKET, TRIVIA } from './json-tokens.js';
import type { LNode } from './tree.js';

// Deeper nesting than this is no real config; refusing it keeps the recursive conversion off the stack limit.
const MAX_DEPTH = 500;

export function parseJsonc(index: TextIndex, options: { strict?: boolean } = {}): LNode {
  checkDepth(index);
  // A JSONC file that holds only comments (a template with every entry commented out) defines nothing.
  if (!options.strict && onlyComments(index.text)) return { type: 'map', entries: [], loc: index.loc(0, 0) };
  const errors: ParseError[] = [];
  const root = parseTree(index.text, errors, {
    allowTrailingComma: !options.strict,
    disallowComments: !!options.strict,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const at = e ? index.loc(e.offset, e.offset + Math.max(1, e.length)) : index.loc(0, 0);
    const what = e ? describe(printParseErrorCode(e.error)) : 'empty file';
    throw syntaxFailure(`${what} at line ${at.start.line}, column ${at.start.column}`, at);
  }
  return convert(root, index);
}

function onlyComments(text: string): boolean {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind !== LINE_COMMENT && kind !== BLOCK_COMMENT && kind !== LINE_BREAK && kind !== TRIVIA) return false;
  }
  return /\/[/*]/.test(text);
}


/** jsonc-parser recurses per level: refuse absurd nesting before it overflows the stack. */
function checkDepth(index: TextIndex): void {
  const scanner = createScanner(index.text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) {
        const at = index.loc(scanner.getTokenOffset(), scanner.getTokenOffset() + 1);
        throw syntaxFailure(`nesting deeper than ${MAX_DEPTH} levels at line ${at.start.line}`, at);
      }
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) depth--;
  }
}

function describe(code: string): string {
  // jsonc-parser's codes are CamelCase identifiers ("CommaExpected"); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function convert(node: JsonNode, index: TextIndex): LNode {
  const loc = index.loc(node.offset, node.offset + node.length);
  switch (node.type) {
    case 'object':
      return {
        type: 'map',
        loc,
        entries: (node.children ?? []).flatMap((prop) => {
          const [k, v] = prop.children ?? [];
          if (!k || !v) return [];
          return [{ key: String(k.value), keyLoc: index.loc(k.offset, k.offset + k.length), value: convert(v, index) }];
        }),
      };
    case 'array':
      return { type: 'seq', loc, items: (node.children ?? []).map((c) => convert(c, index)) };
    default:
      return { type: 'scalar', loc, value: node.value as string | number | boolean | null };
  }
}
