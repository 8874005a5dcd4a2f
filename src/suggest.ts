/** Did-you-mean: the closest known word by edit distance, for typos in keys, rule ids and options. */

/** Longer input is no typo of a short key, and Levenshtein on it costs time proportional to its length. */
const MAX_LENGTH = 64;

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest option within `Math.max(2, length / divisor)` edits, case-insensitively; undefined when none is close. */
export function closest(word: string, options: string[], divisor = 3): string | undefined {
  if (word.length > MAX_LENGTH) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / divisor)) ? best : undefined;
}
