/** jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its documented values. */
export const OPEN_BRACE = 1;
export const CLOSE_BRACE = 2;
export const OPEN_BRACKET = 3;
export const CLOSE_BRACKET = 4;
export const COLON = 6;
export const STRING = 10;
export const LINE_COMMENT = 12;
export const BLOCK_COMMENT = 13;
export const LINE_BREAK = 14;
export const TRIVIA = 15;
export const EOF = 17;
