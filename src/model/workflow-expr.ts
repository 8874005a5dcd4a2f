/**
 * GitHub Actions expressions (`${{ … }}`) in workflow values: where they are, which name text anyone can write
 * (docs.github.com "Security hardening for GitHub Actions": untrusted input), and a same-length shell
 * stand-in so `run:` scripts parse with each expression as one dynamic word.
 */

export interface Expression {
  /** Offsets in the value, `${{` to `}}` inclusive. */
  start: number;
  end: number;
  /** The text between the braces, trimmed. */
  body: string;
}

export function expressions(value: string): Expression[] {
  const out: Expression[] = [];
  let i = value.indexOf('${{');
  while (i >= 0) {
    const close = value.indexOf('}}', i + 3);
    if (close < 0) break;
    out.push({ start: i, end: close + 2, body: value.slice(i + 3, close).trim() });
    i = value.indexOf('${{', close + 2);
  }
  return out;
}

/** Event fields anyone who can open an issue, comment, or push a fork branch can write. */
const UNTRUSTED = new RegExp(
  [
    String.raw`github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)`,
    String.raw`github\.event\.(?:comment|review|review_comment)\.body`,
    String.raw`github\.event\.pull_request\.head\.(?:ref|label)`,
    String.raw`github\.event\.(?:head_commit\.message|commits(?:\[[^\]]*\]|\.\*)?\.message)`,
    String.raw`github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.message)`,
    String.raw`github\.head_ref`,
    String.raw`toJSON\(\s*github\.event\s*\)`,
    String.raw`github\.event\.(?:issue|pull_request)\.labels`,
  ].join('|'),
);

/** The untrusted field an expression names (`github.event.issue.title`), or undefined. */
export function untrustedField(body: string): string | undefined {
  return UNTRUSTED.exec(body)?.[0];
}

/** `env.NAME` references in an expression. */
export function envRefs(body: string): string[] {
  return [...body.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/** `steps.ID.outputs.NAME` references in an expression. */
export function stepOutputRefs(body: string): { step: string; output: string }[] {
  return [...body.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)].map((m) => ({ step: m[1], output: m[2] }));
}

/** `secrets.NAME` references. */
export function secretRefs(body: string): string[] {
  return [...body.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/**
 * The value with each expression replaced by a shell variable of the same length (`${{ a }}` → `$_XXXXXX`), so
 * the script parses with the expression as one dynamic word and every offset stays the value's own.
 */
export function maskExpressions(value: string): string {
  let out = '';
  let at = 0;
  for (const e of expressions(value)) {
    const len = e.end - e.start;
    out += value.slice(at, e.start) + (len >= 2 ? `$_${'X'.repeat(len - 2)}` : value.slice(e.start, e.end));
    at = e.end;
  }
  return out + value.slice(at);
}
