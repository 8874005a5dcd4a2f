/** What a host path is: a credential store, an engine socket, a system folder, the repository itself. */
import { normalizeHostPath } from './launch.js';

/** Credential stores under the home directory (after normalizeHostPath folds every home spelling to `~`). */
const HOME_CREDENTIALS: { path: string; what: string }[] = [
  { path: '~/.aws', what: 'AWS credentials' },
  { path: '~/.ssh', what: 'SSH keys' },
  { path: '~/.config/gcloud', what: 'Google Cloud credentials' },
  { path: '~/.azure', what: 'Azure CLI credentials' },
  { path: '~/.kube', what: 'Kubernetes credentials' },
  { path: '~/.docker', what: 'Docker registry credentials' },
  { path: '~/.git-credentials', what: 'plain-text Git credentials' },
  { path: '~/.config/gh', what: 'GitHub CLI token' },
  { path: '~/.netrc', what: '.netrc passwords' },
  { path: '~/.npmrc', what: 'npm registry token' },
  { path: '~/.pypirc', what: 'PyPI token' },
  { path: '~/.gnupg', what: 'GPG keys' },
  { path: '~/.password-store', what: 'pass password store' },
  { path: '~/.vault-token', what: 'Vault token' },
];

/** The agents' own logins: mounting them is the documented way to sign in, but a writable one can be altered. */
const AGENT_LOGINS: { path: string; what: string }[] = [
  { path: '~/.claude', what: 'Claude Code login' },
  { path: '~/.claude.json', what: 'Claude Code login' },
  { path: '~/.codex', what: 'Codex login' },
  { path: '~/.kiro', what: 'Kiro login' },
  { path: '~/.gemini', what: 'Gemini CLI login' },
  { path: '~/.config/opencode', what: 'OpenCode configuration' },
  { path: '~/.local/share/opencode', what: 'OpenCode login' },
  { path: '~/.cursor', what: 'Cursor login' },
  { path: '~/.qwen', what: 'Qwen Code login' },
  { path: '~/.vibe', what: 'Mistral Vibe login' },
  { path: '~/.factory', what: 'Factory Droid login' },
];

function under(p: string, base: string): boolean {
  return p === base || p.startsWith(`${base}/`);
}

export function credentialStore(source: string): string | undefined {
  const p = normalizeHostPath(source);
  const hit = HOME_CREDENTIALS.find((c) => under(p, c.path));
  if (hit) return hit.what;
  const base = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
  if (/service[-_]?account.*\.json$|application_default_credentials\.json$/.test(base)) return 'a cloud service-account key';
  if (/\.(pem|key|p12|pfx)$/.test(base) || /^id_(rsa|ecdsa|ed25519|dsa)$/.test(base)) return 'a private key';
  return undefined;
}

/** The SSH agent's socket, by any path: whoever reaches it can sign in with every key it holds. */
export function sshAgentSocket(source: string): boolean {
  const s = source.trim();
  if (/^\$\{?(?:localEnv:|env:)?SSH_AUTH_SOCK\b/.test(s)) return true;
  const p = normalizeHostPath(s);
  return /(?:^|\/)ssh-auth\.sock$|^\/run\/host-services\/ssh-auth\.sock$|^\/tmp\/ssh-[^/]+\/agent\.\d+$|^~\/\.1password\/agent\.sock$|\/com\.1password\/t\/agent\.sock$|^\/private\/tmp\/com\.apple\.launchd\.[^/]+\/Listeners$|^~\/\.ssh\/[^/]*agent[^/]*\.sock$/.test(p);
}

/** Git's own configuration: a writable one can add `core.fsmonitor`, `core.pager` or an alias that runs on the host. */
export function gitConfig(source: string): boolean {
  const p = normalizeHostPath(source);
  return p === '~/.gitconfig' || p === '~/.config/git' || p.startsWith('~/.config/git/');
}

/** A container path where a credential store is read from (`/home/u/.aws`, `/root/.ssh`): what is mounted there is one. */
export function credentialTarget(target: string): string | undefined {
  const p = normalizeHostPath(target);
  return HOME_CREDENTIALS.find((c) => under(p, c.path))?.what;
}

/** Parts of `~/.claude` that hold session data only (no settings, hooks, commands or credentials). */
const AGENT_SESSION_DATA = /^~\/\.claude\/(?:history\.jsonl|file-history|todos|projects|session-env|shell-snapshots|statsig|logs|debug|plans|ide)(?:\/|$)/;

export function agentSessionData(source: string): boolean {
  return AGENT_SESSION_DATA.test(normalizeHostPath(source));
}

export function agentLogin(source: string): string | undefined {
  const p = normalizeHostPath(source);
  return AGENT_LOGINS.find((c) => under(p, c.path))?.what;
}

const SOCKET_NAMES = new Set(['docker.sock', 'podman.sock', 'containerd.sock', 'crio.sock', 'buildkitd.sock', 'docker.socket']);

/** A container engine's API socket: whoever can talk to it can start a privileged container on the host. */
export function isEngineSocket(source: string): boolean {
  const p = normalizeHostPath(source);
  return SOCKET_NAMES.has(p.slice(p.lastIndexOf('/') + 1));
}

const SENSITIVE_EXACT = new Set(['/', '~', '/etc', '/home', '/Users', '/var/run', '/run', '/var', '/proc', '/sys', '/dev', '/boot', '/lib/modules', '/var/lib/docker']);
const SENSITIVE_TREES = ['/proc', '/sys', '/dev', '/boot', '/lib/modules', '/etc', '/var/lib/docker'];
/** Single files under /etc that images commonly share with the host, read-only, to get the time zone right; and /dev/null, mounted over a file to hide it. */
const HARMLESS = new Set(['/etc/localtime', '/etc/timezone', '/dev/null']);

export function sensitiveHostPath(source: string): boolean {
  const p = normalizeHostPath(source);
  if (HARMLESS.has(p)) return false;
  if (SENSITIVE_EXACT.has(p)) return true;
  return SENSITIVE_TREES.some((t) => under(p, t));
}

const WORKSPACE_SOURCES = /^(?:\.{1,2}|\$\(pwd\)|`pwd`|\$PWD|\$\{PWD\}|\$\{localWorkspaceFolder\}|\$\{containerWorkspaceFolder\})$/;

/** The repository itself: the current folder, its parent from `.devcontainer/`, `${localWorkspaceFolder}`. */
export function isWorkspaceSource(source: string): boolean {
  return WORKSPACE_SOURCES.test(source.trim().replace(/\/+$/, '').replace(/^\.\/$/, '.'));
}

/** `.env.example`, `defaults.env.sample`: a template without secrets. */
export function isExampleEnv(p: string): boolean {
  return /\.(example|sample|template|dist)$|[./_-](example|sample|template)\.env$/i.test(p.replace(/\/+$/, ''));
}

export function isDotenv(p: string): boolean {
  const base = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^\.env(\..+)?$/.test(base) && !/\.(example|sample|template|dist)$/.test(base);
}
