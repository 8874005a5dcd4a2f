/** JSONC (devcontainer.json, Claude settings, .mcp.json) into the located tree, via jsonc-parser. */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { TextIndex } from './text-index.js';
import { ParseFailure } from './result.js';
import type { LNode } from './tree.js';

// Deeper nesting than this is no real config; refusing it keeps the recursive conversion off the stack limit.
const MAX_DEPTH = 500;

export function parseJsonc(index: TextIndex, options: { strict?: boolean } = {}): LNode {
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
    throw new ParseFailure({ message: `${what} at line ${at.start.line}, column ${at.start.column}`, loc: at });
  }
  return convert(root, index, 0);
}

function describe(code: string): string {
  // jsonc-parser's codes are CamelCase identifiers ("CommaExpected"); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function convert(node: JsonNode, index: TextIndex, depth: number): LNode {
  const loc = index.loc(node.offset, node.offset + node.length);
  if (depth > MAX_DEPTH) throw new ParseFailure({ message: `nesting deeper than ${MAX_DEPTH} levels`, loc });
  switch (node.type) {
    case 'object':
      return {
        type: 'map',
        loc,
        entries: (node.children ?? []).flatMap((prop) => {
          const [k, v] = prop.children ?? [];
          if (!k || !v) return [];
          return [{ key: String(k.value), keyLoc: index.loc(k.offset, k.offset + k.length), value: convert(v, index, depth + 1) }];
        }),
      };
    case 'array':
      return { type: 'seq', loc, items: (node.children ?? []).map((c) => convert(c, index, depth + 1)) };
    default:
      return { type: 'scalar', loc, value: node.value as string | number | boolean | null };
  }
}
