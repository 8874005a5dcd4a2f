/**
 * Files fetched from a moving URL: a URL whose content changes by design (`…/releases/latest/download/…`,
 * a raw file on the `main` branch, a version looked up from the newest release at build time), fetched by
 * `curl`/`wget` into a file or an unpacker, or by a Dockerfile `ADD`, with no checksum or signature check in the
 * same step. Piping the download straight into a shell is `remote-script-execution`'s, and is left out here.
 */
import type { Loc } from '../types.js';
import type { ShellWord } from '../parse/shell.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import { programOf, type Command } from './command.js';

export interface MovingDownload {
  /** Where to point: the URL, or the lookup of the newest version when that is what moves. */
  loc: Loc;
  /** `curl`, `wget`, `ADD`. */
  tool: string;
  /** The URL for messages: a lookup spelled into it (`$(curl …)`) is shown as `$(…)` when named in `why`. */
  url: string;
  /** What moves, for messages: `the newest release (releases/latest)`, `the main branch`. */
  why: string;
  /** What wrote it: `Dockerfile RUN`, `shell script`, `postCreateCommand`. */
  source: string;
}

const BRANCH = '(main|master|HEAD|develop|trunk)';
/** URL shapes whose content moves, each with what moves. The branch is captured for the message. */
const MOVING: [RegExp, string][] = [
  [/\/releases\/latest\/download\//, 'the newest release (releases/latest)'],
  [new RegExp(`^https?://raw\\.githubusercontent\\.com/[^/]+/[^/]+/(?:refs/heads/)?${BRANCH}/`), 'the $1 branch'],
  [new RegExp(`^https?://(?:www\\.)?github\\.com/[^/]+/[^/]+/(?:raw|blob)/(?:refs/heads/)?${BRANCH}/`), 'the $1 branch'],
  [new RegExp(`^https?://(?:www\\.)?github\\.com/[^/]+/[^/]+/archive/(?:refs/heads/)?${BRANCH}\\.(?:tar\\.gz|tgz|zip)`), 'the $1 branch'],
  [new RegExp(`/-/(?:raw|archive)/${BRANCH}/`), 'the $1 branch'],
  [new RegExp(`^https?://bitbucket\\.org/[^/]+/[^/]+/raw/${BRANCH}/`), 'the $1 branch'],
  [new RegExp(`^https?://codeberg\\.org/[^/]+/[^/]+/raw/branch/${BRANCH}/`), 'the $1 branch'],
  [/^https?:\/\/gist\.githubusercontent\.com\/[^/]+\/[0-9a-f]+\/raw\/(?![0-9a-f]{40}\/)/, "the gist's newest revision"],
  [/\/latest(?:\/|$)|\/(?:[\w.-]*[-_])?latest\.(?:tar\.gz|tgz|tar\.xz|zip|gz|deb|rpm|sh|bin|exe|AppImage)$/i, 'whatever "latest" points to'],
];
/** A lookup spelled into the URL: `…/release/$(curl -s …/stable.txt)/bin/…`. */
const LOOKUP_INSIDE = /\$\(\s*(?:curl|wget)\b/;
const LOOKED_UP_INSIDE = 'a version looked up when it runs';
/** A version in the URL pins what it names: `…/download/v1.2.3/…`, `tool-1.2.3-linux.tar.gz`. */
const VERSIONED = /\d+\.\d+\.\d+|[/@_-]v\d+\.\d+/;
/** A query for the newest version (the download then names it through a variable). */
const LATEST_LOOKUP = /\/releases\/latest\/?(?:[?#].*)?$|\/(?:stable|latest)(?:\.txt)?$|^https?:\/\/go\.dev\/VERSION\b/i;

/** `…/download/$(curl -s … | jq -r .tag_name)/…` shown as `…/download/$(…)/…`: the lookup is named apart. */
function collapseSubstitutions(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || text[i + 1] !== '(') {
      out += text[i];
      continue;
    }
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    out += '$(…)';
    i = j;
  }
  return out;
}

/** What moves in this URL, or undefined when it names fixed content (or cannot be read here). */
export function movingUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url) || VERSIONED.test(url.replace(/\$\(.*\)/, ''))) return undefined;
  for (const [re, why] of MOVING) {
    const m = re.exec(url);
    if (m) return why.replace('$1', m[1] ?? '');
  }
  return LOOKUP_INSIDE.test(url) ? LOOKED_UP_INSIDE : undefined;
}

const DOWNLOADERS = new Set(['curl', 'wget']);
/** Programs that unpack or store what they read: `curl … | tar xz -C /usr/local/bin`. */
const UNPACKERS = new Set(['tar', 'bsdtar', 'unzip', 'funzip', 'gunzip', 'gzip', 'zcat', 'xz', 'unxz', 'zstd', 'bzip2', 'bunzip2', 'cpio', 'dpkg', 'rpm', 'tee', 'install', '7z']);
const CHECKERS = new Set(['sha256sum', 'sha512sum', 'sha384sum', 'sha224sum', 'sha1sum', 'shasum', 'b2sum', 'md5sum', 'cksum', 'gpgv', 'minisign', 'cosign', 'slsa-verifier', 'sigstore']);
/** curl's short options that take a value: in a cluster (`-fsSLo file`) the rest of the word, or the next one. */
const CURL_VALUE_LETTERS = new Set('odHuXeAbcrTwxKEFmCYyzUQPtD');

/** Where curl writes the body: a path, `-` (stdout) or undefined (stdout, by default). */
function curlOutput(words: ShellWord[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === '-O' || t === '--remote-name' || t === '--remote-name-all') return '(remote name)';
    if (t === '--output' || t === '--output-dir') return words[i + 1]?.text;
    if (t.startsWith('--output=') || t.startsWith('--output-dir=')) return t.slice(t.indexOf('=') + 1);
    if (!/^-[A-Za-z]/.test(t)) continue;
    for (let k = 1; k < t.length; k++) {
      const letter = t[k];
      if (letter === 'O') return '(remote name)';
      if (!CURL_VALUE_LETTERS.has(letter)) continue;
      const value = k + 1 < t.length ? t.slice(k + 1) : words[i + 1]?.text;
      if (letter === 'o') return value;
      break;
    }
  }
  return undefined;
}

/** Where wget writes: a path (its default: the remote name), `-` (stdout), or undefined for `--spider`. */
function wgetOutput(words: ShellWord[]): string | undefined {
  if (words.some((w) => w.text === '--spider')) return undefined;
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === '--output-document' || t === '-O') return words[i + 1]?.text;
    if (t.startsWith('--output-document=')) return t.slice(t.indexOf('=') + 1);
    const m = /^-[A-Za-z]*O(.*)$/.exec(t);
    if (m && !t.startsWith('--')) return m[1] || words[i + 1]?.text;
  }
  return '(remote name)';
}

/** Whether the fetch keeps what it downloads: into a file, or piped into an unpacker or `tee`. */
function keepsDownload(c: Command, step: Command[]): boolean {
  const out = programOf(c) === 'curl' ? curlOutput(c.words) : wgetOutput(c.words);
  if (out !== undefined && out !== '-') return out !== '/dev/null';
  const reader = step.find((d) => d.pipedFrom === c);
  if (reader) return UNPACKERS.has(programOf(reader));
  // `curl -fsSL URL > /usr/local/bin/x`.
  return /(?:^|[^0-9&>])>>?\s*(?!&|\/dev\/null)[^\s|&;]/.test(c.statement.slice(c.statement.indexOf(c.words[0].text)));
}

function checksOrVerifies(c: Command): boolean {
  const prog = programOf(c);
  const has = (flag: string) => c.words.some((w) => w.text === flag || w.text.startsWith(`${flag}=`));
  if (CHECKERS.has(prog)) return true;
  if (prog === 'gpg' || prog === 'gpg2') return has('--verify');
  if (prog === 'openssl') return c.words[1]?.text === 'dgst';
  if (prog === 'gh') return c.words[1]?.text === 'attestation';
  return (prog === 'curl' || prog === 'aria2c') && has('--checksum');
}

type Position = Loc['start'];
const atOrBefore = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.column <= b.column);

/** Each Dockerfile's RUN locations in file order, found once: a hostile file can hold thousands. */
const runsOf = new WeakMap<DockerfileDoc, Loc[]>();

/** The RUN instruction holding `loc`: the last one starting at or before it, if it also ends after it. */
function runAt(d: DockerfileDoc, loc: Loc): Loc | undefined {
  let runs = runsOf.get(d);
  if (!runs) {
    runs = d.commands.filter((s) => s.keyword === 'RUN').map((s) => s.loc);
    runs.sort((a, b) => (atOrBefore(a.start, b.start) ? -1 : 1));
    runsOf.set(d, runs);
  }
  let [lo, hi] = [0, runs.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (atOrBefore(runs[mid].start, loc.start)) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo];
  return run && run.file === loc.file && atOrBefore(run.start, loc.start) && atOrBefore(loc.end, run.end) ? run : undefined;
}

/** The step a command belongs to: its Dockerfile RUN instruction, else the command source it came from. */
function stepKey(c: Command): string {
  const run = c.dockerfile && runAt(c.dockerfile, c.loc);
  if (run) return `${run.file}:${run.start.line}:${run.start.column}`;
  return `${c.loc.file}|${c.source}|${c.context}`;
}

function after(a: Command, b: Command): boolean {
  return a.loc.start.line > b.loc.start.line || (a.loc.start.line === b.loc.start.line && a.loc.start.column > b.loc.start.column);
}

/** `curl`/`wget` downloads of a moving URL that are kept (a file, an unpacker) and never checked in their step. */
export function movingDownloads(commands: Command[]): MovingDownload[] {
  const steps = new Map<string, Command[]>();
  for (const c of commands) {
    const key = stepKey(c);
    const step = steps.get(key);
    if (step) step.push(c);
    else steps.set(key, [c]);
  }
  const out: MovingDownload[] = [];
  for (const step of steps.values()) {
    if (step.some(checksOrVerifies)) continue;
    const lookups = step.filter((c) => DOWNLOADERS.has(programOf(c)) && c.words.some((w) => LATEST_LOOKUP.test(w.text)));
    for (const c of step) {
      if (!DOWNLOADERS.has(programOf(c)) || !keepsDownload(c, step)) continue;
      for (const url of c.words.slice(1).filter((w) => /^https?:\/\//i.test(w.text))) {
        const why = movingUrl(url.text);
        // `V=$(curl …/releases/latest | jq …) && curl …/download/$V/…`: the lookup is what to pin, so it is the place.
        const namesVariable = url.text.includes('$') && !VERSIONED.test(url.text.replace(/\$\(.*\)/, ''));
        const lookup = namesVariable && (!why || why === LOOKED_UP_INSIDE) ? lookups.find((l) => l !== c && after(c, l)) : undefined;
        const lookupUrl = lookup?.words.find((w) => LATEST_LOOKUP.test(w.text));
        if (lookupUrl) out.push({ loc: lookupUrl.loc, url: collapseSubstitutions(url.text), tool: programOf(c), why: `a version looked up from ${lookupUrl.text} when it runs`, source: c.source });
        else if (why) out.push({ loc: url.loc, url: why === LOOKED_UP_INSIDE ? url.text : collapseSubstitutions(url.text), tool: programOf(c), why, source: c.source });
        else continue;
        break;
      }
    }
  }
  return out;
}

/** Dockerfile `ADD <moving URL>` without `--checksum`. */
export function movingAdds(dockerfiles: DockerfileDoc[]): MovingDownload[] {
  const out: MovingDownload[] = [];
  for (const d of dockerfiles) {
    for (const cp of d.copies) {
      if (cp.keyword !== 'ADD' || cp.flags.has('checksum')) continue;
      for (const s of cp.sources) {
        const why = movingUrl(s.value);
        if (why) out.push({ loc: s.loc, url: s.value, tool: 'ADD', why, source: 'Dockerfile ADD' });
      }
    }
  }
  return out;
}
