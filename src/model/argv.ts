/** Helpers over argv words, shared by every place that recognises a program in a command line. */
import type { Token } from './docker-flags.js';

/** Wrappers that run the next word as the program: `sudo docker run`, `env X=1 docker run`, `exec docker run`. */
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'exec', 'command', 'nohup', 'time', 'nice', 'stdbuf', 'timeout']);
const WRAPPER_VALUE_FLAGS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '--user', '-g', '--group', '-C', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type']),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  nice: new Set(['-n', '--adjustment']),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
};

export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Drops wrapper programs, their options and `NAME=value` prefixes: what remains starts with the real program. */
export function unwrap<T extends Token>(words: T[]): T[] {
  let i = 0;
  while (i < words.length) {
    const w = basename(words[i].text);
    if (!WRAPPERS.has(w)) break;
    const valueFlags = WRAPPER_VALUE_FLAGS[w] ?? new Set<string>();
    i++;
    // `timeout 10 docker run`: timeout's duration is positional.
    if (w === 'timeout' && i < words.length && !words[i].text.startsWith('-')) i++;
    while (i < words.length) {
      const t = words[i].text;
      if (t === '--') {
        i++;
        break;
      }
      if (t.startsWith('-')) {
        i += valueFlags.has(t) ? 2 : 1;
        continue;
      }
      if (w === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
        i++;
        continue;
      }
      break;
    }
  }
  return words.slice(i);
}
