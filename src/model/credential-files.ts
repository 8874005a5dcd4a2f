/**
 * What an image carries: credential files by name (for `COPY`/`ADD`), and which of a Dockerfile's
 * instructions end up in the image it builds (a builder stage's layers do not, unless copied out).
 */
import type { Loc, Severity } from '../types.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import { normalizeHostPath } from './launch.js';

export interface CredentialFile {
  what: string;
  severity: Severity;
}

interface Kind extends CredentialFile {
  /** Path segments, last one last, as written (a copied folder is its own last segment). */
  test: (segs: string[]) => boolean;
  /** Judged only where the file comes from: a file written to this place is often a harmless seed. */
  sourceOnly?: boolean;
}

const last = (segs: string[]) => segs[segs.length - 1] ?? '';
const parent = (segs: string[]) => segs[segs.length - 2] ?? '';
const named = (...names: string[]) => (segs: string[]) => names.includes(last(segs));
const inside = (folder: string, ...names: string[]) => (segs: string[]) => parent(segs) === folder && names.includes(last(segs));

/** Public key material that shares the extensions of private keys: apt and GPG signing keys, `*.pub`. */
const PUBLIC_KEY_NAME = /pub|gpg|apt|repo|archive|signing|keyring|release|\.asc$|^ca[-_.]|[-_.]ca\.|cert|chain/;

const KINDS: Kind[] = [
  // Claude Code writes ~/.claude.json itself; images often seed one with onboarding flags, so only a copied one counts.
  { test: named('.claude.json'), what: "Claude Code's account file (~/.claude.json: the login's account and, with a key login, the key)", severity: 'error', sourceOnly: true },
  { test: named('.credentials.json'), what: "Claude Code's OAuth tokens (~/.claude/.credentials.json)", severity: 'error' },
  { test: (s) => last(s) === 'auth.json' && s.some((x) => /codex/.test(x)), what: "the Codex login (~/.codex/auth.json: ChatGPT tokens or an API key)", severity: 'error' },
  { test: named('oauth_creds.json'), what: "the Gemini CLI's OAuth tokens", severity: 'error' },
  { test: named('.git-credentials'), what: 'plain-text Git credentials', severity: 'error' },
  { test: named('.netrc', '_netrc'), what: '.netrc passwords', severity: 'error' },
  { test: named('.pypirc'), what: 'a PyPI upload token (.pypirc)', severity: 'error' },
  { test: (s) => inside('.aws', 'credentials')(s) || last(s) === '.aws', what: 'AWS credentials', severity: 'error' },
  { test: inside('.docker', 'config.json'), what: 'Docker registry credentials', severity: 'error' },
  { test: (s) => inside('.kube', 'config')(s) || last(s) === '.kube', what: 'Kubernetes credentials', severity: 'error' },
  { test: inside('gh', 'hosts.yml'), what: 'the GitHub CLI token', severity: 'error' },
  { test: named('.vault-token'), what: 'a Vault token', severity: 'error' },
  { test: named('.ssh', '.gnupg'), what: 'a folder of private keys', severity: 'error' },
  { test: (s) => /^id_[a-z0-9*_-]+$/.test(last(s)), what: 'an SSH private key', severity: 'error' },
  { test: (s) => /\.(?:pem|key)$/.test(last(s)) && /key|priv/.test(last(s)) && !PUBLIC_KEY_NAME.test(last(s)), what: 'a private key', severity: 'error' },
  { test: (s) => /\.(?:p12|pfx)$/.test(last(s)), what: 'a private key store (PKCS#12)', severity: 'error' },
  { test: (s) => /service[-_]?account.*\.json$|application_default_credentials\.json$|^(?:[\w-]+[-_])?credentials\.json$|adminsdk.*\.json$/.test(last(s)), what: 'a cloud credentials or service-account key file', severity: 'error' },
  // Most project .npmrc files hold only a registry or flags; which ones hold a token is in the file, not its name.
  { test: named('.npmrc'), what: 'an npm config (.npmrc)', severity: 'note' },
];

function segments(p: string): string[] {
  return normalizeHostPath(p).toLowerCase().split('/').filter((s) => s && s !== '~');
}

/** A credential file or folder by its path: a `COPY` source, or the place it is copied to. */
export function credentialFile(p: string, role: 'source' | 'destination' = 'source'): CredentialFile | undefined {
  if (p.includes('://')) return undefined;
  const segs = segments(p);
  if (segs.length === 0) return undefined;
  const kind = KINDS.find((k) => (role === 'source' || !k.sourceOnly) && k.test(segs));
  return kind && { what: kind.what, severity: kind.severity };
}

/** Where a copied source lands: the destination itself, or inside it when it is a folder (`dir/`, several sources). */
export function landingPath(source: string, dest: string, sources: number): string {
  if (!dest.endsWith('/') && sources === 1) return dest;
  const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
  return `${dest.replace(/\/+$/, '')}/${base}`;
}

/** The stage an instruction at `loc` belongs to: the last FROM at or above it; -1 before the first FROM (global ARGs). */
export function stageAt(doc: DockerfileDoc, loc: Loc): number {
  let at = -1;
  doc.stages.forEach((s, i) => {
    if (s.image.loc.start.line <= loc.start.line) at = i;
  });
  return at;
}

/** The stages the built image is made of: the last one and the earlier stages it is built `FROM`. */
export function imageStages(doc: DockerfileDoc): Set<number> {
  const out = new Set<number>();
  let i = doc.stages.length - 1;
  while (i >= 0 && !out.has(i)) {
    out.add(i);
    const parentName = doc.stages[i].image.value.toLowerCase();
    i = doc.stages.findIndex((s, j) => j < i && s.name?.toLowerCase() === parentName);
  }
  return out;
}

/** The instruction at `loc` writes into the image the Dockerfile builds (not a builder stage, not a global ARG). */
export function inBuiltImage(doc: DockerfileDoc, loc: Loc): boolean {
  return imageStages(doc).has(stageAt(doc, loc));
}

/** The image the built image starts from (`FROM postgres:16` builds a postgres image), following `FROM <stage>` back. */
export function baseImage(doc: DockerfileDoc): string | undefined {
  const first = Math.min(...imageStages(doc));
  return Number.isFinite(first) ? doc.stages[first]?.image.value : undefined;
}
