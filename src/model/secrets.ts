/** Recognising secrets in values, without ever repeating them. */

const TOKEN_SHAPES: { re: RegExp; what: string }[] = [
  { re: /sk-ant-[A-Za-z0-9_-]{20,}/, what: 'an Anthropic API key' },
  { re: /sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}/, what: 'an OpenAI API key' },
  { re: /(?:AKIA|ASIA)[0-9A-Z]{16}/, what: 'an AWS access key id' },
  { re: /gh[pousr]_[A-Za-z0-9]{36,}/, what: 'a GitHub token' },
  { re: /github_pat_[A-Za-z0-9_]{22,}/, what: 'a GitHub fine-grained token' },
  { re: /glpat-[A-Za-z0-9_-]{20,}/, what: 'a GitLab token' },
  { re: /xox[abposr]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { re: /AIza[0-9A-Za-z_-]{35}/, what: 'a Google API key' },
  { re: /npm_[A-Za-z0-9]{36}/, what: 'an npm token' },
  { re: /hf_[A-Za-z0-9]{34,}/, what: 'a Hugging Face token' },
  { re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, what: 'a private key' },
];

/** `*_KEY`, `*_TOKEN`, `*_SECRET`, `*PASSWORD*` and close kin. */
const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|SECRETS|APIKEY|PASSWD|PASSPHRASE|CREDENTIALS?)$|PASSWORD|(?:^|_)SECRET_/i;
/** Names that end like a secret but hold none. */
const NOT_SECRET_NAME = /(?:_ID|_FILE|_PATH|_DIR|_URL|_NAME|_HEADER|_TYPE|_LENGTH|_SIZE)$|PUBLIC_KEY$|_KEY_ID$/i;

const PLACEHOLDER = /^(?:|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|\[[^\]]*\]|\{\{[^}]*\}\}|x+|\*+|\.+|-+|changeme|change[-_]?me|replace[-_]?me|your[-_].*|my[-_].*|dummy|example|sample|placeholder|secret|password|test|testing|todo|tbd|none|null|nil|undefined|false|true|redacted|n\/a|\.\.\.)$/i;

export interface SecretHit {
  what: string;
  masked: string;
}

/** The first characters only: enough to find the value, never enough to use it. */
export function mask(value: string): string {
  const v = value.trim();
  return v.length <= 8 ? '****' : `${v.slice(0, 4)}…(${v.length} chars)`;
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return PLACEHOLDER.test(v) || /^\$\{[^}]+\}$/.test(v);
}

export function knownTokenShape(value: string): string | undefined {
  return TOKEN_SHAPES.find((t) => t.re.test(value))?.what;
}

/** A literal secret in `name=value`, by the value's shape or by a secret-looking name with a real-looking value. */
export function secretIn(name: string, value: string | undefined): SecretHit | undefined {
  if (value === undefined) return undefined;
  const shape = knownTokenShape(value);
  if (shape) return { what: shape, masked: mask(value) };
  // Header names (`X-Api-Key`, `Authorization`) count like variable names.
  const n = name.replace(/-/g, '_');
  const auth = /^(?:PROXY_)?AUTHORIZATION$/i.test(n);
  if (!auth && (!SECRET_NAME.test(n) || NOT_SECRET_NAME.test(n))) return undefined;
  // `Authorization: Bearer <token>`: the credential is what follows the scheme.
  const v = (auth ? value.replace(/^\s*(?:Bearer|Basic|Token|Bot)\s+/i, '') : value).trim();
  // Too short to be a credential, a reference to a file or a variable, or a placeholder.
  if (v.length < 6 || v.includes('$') || /^[./~]/.test(v) || isPlaceholder(v)) return undefined;
  return { what: `a literal value for the secret-named variable ${name}`, masked: mask(v) };
}

/** Host variables that carry cloud or VCS credentials. The agents' own API keys are the documented way in and are not listed. */
const HOST_CREDENTIAL_VARS = new Set([
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_PROFILE',
  'GITHUB_TOKEN', 'GH_TOKEN', 'GH_ENTERPRISE_TOKEN', 'GITHUB_PAT', 'GITLAB_TOKEN', 'GL_TOKEN', 'CI_JOB_TOKEN',
  'BITBUCKET_TOKEN', 'BITBUCKET_APP_PASSWORD', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'ARM_CLIENT_SECRET', 'AZURE_DEVOPS_EXT_PAT', 'GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_OAUTH_ACCESS_TOKEN',
  'CLOUDSDK_AUTH_ACCESS_TOKEN', 'GOOGLE_GHA_CREDS_PATH', 'DIGITALOCEAN_ACCESS_TOKEN', 'HEROKU_API_KEY',
  'VAULT_TOKEN', 'KUBECONFIG', 'SSH_AUTH_SOCK', 'NPM_TOKEN', 'NODE_AUTH_TOKEN', 'TWINE_PASSWORD', 'PYPI_TOKEN',
  'DOCKER_PASSWORD', 'DOCKERHUB_TOKEN', 'CLOUDFLARE_API_TOKEN', 'VERCEL_TOKEN', 'NETLIFY_AUTH_TOKEN', 'FLY_API_TOKEN',
]);
const CLOUD_PREFIX = /^(?:AWS|AZURE|ARM|GOOGLE|GCP|GCLOUD|GITHUB|GH|GITLAB|BITBUCKET|DIGITALOCEAN|CLOUDFLARE)_\w*(?:KEY|TOKEN|SECRET|PASSWORD|CREDENTIALS)$/;

export function hostCredentialVar(name: string): boolean {
  return HOST_CREDENTIAL_VARS.has(name) || CLOUD_PREFIX.test(name);
}
