/** Recognising secrets in values and in variable names, without ever repeating them. */

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

/** `*_KEY`, `*_TOKEN`, `*_SECRET`, `*PASSWORD*` and close kin: wide, for literal values (a value must look real too). */
const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|SECRETS|APIKEY|PASSWD|PASSPHRASE|CREDENTIALS?)$|PASSWORD|(?:^|_)SECRET_/i;
/** Names that end like a secret but hold none. */
const NOT_SECRET_NAME = /(?:_ID|_FILE|_PATH|_DIR|_URL|_NAME|_HEADER|_TYPE|_LENGTH|_SIZE)$|PUBLIC_KEY$|_KEY_ID$/i;
/**
 * Narrower, for names whose value is not seen (a host variable, a build argument): only suffixes that name a
 * credential. A bare `*_KEY` (`CACHE_KEY`, `SORT_KEY`) says too little without a value to look at.
 */
const SECRET_SHAPED_NAME =
  /(?:^|_)(?:TOKEN|SECRET|SECRETS|PASSWORD|PASSWD|PASSPHRASE|PAT|CREDENTIALS?|CREDS|APIKEY|AUTHKEY|(?:API|AUTH|PRIVATE|SECRET|ACCESS|SIGNING|ENCRYPTION|MASTER|ACCOUNT|DEPLOY|SSH)_KEY)$|_(?:PASS|PWD)$|^TF_TOKEN_/;
/** Password-like names: where a service's development default lives. */
const PASSWORD_NAME = /PASSWORD|PASSWD|_PASS$|_PWD$/i;
/** Database client variables (`PGPASSWORD`, `MYSQL_PWD`, `DB_PASSWORD`): a default here is the local database's. */
const DATABASE_CLIENT_NAME = /^(?:PG|POSTGRES|POSTGRESQL|MYSQL|MARIADB|MONGO|MONGODB|REDIS|VALKEY|DB|DATABASE)_?/i;
/** Names of tokens that are issued, never chosen: a value of plain words is a sentinel, not the token. */
const ISSUED_TOKEN_NAME = /(?:^|_)(?:TOKEN|APIKEY|AUTHKEY|(?:API|AUTH)_KEY)$/i;
/** Plain lowercase words, one of them naming what swaps the value for the real token (`claude-docker-proxy`, `injected-by-sidecar`). */
const SENTINEL = /^(?=.*(?:^|[-_])(?:proxy|sidecar|sentinel|injected)(?:$|[-_]))[a-z]{2,}(?:[-_][a-z]{2,})+$/;

const PLACEHOLDER = new RegExp(
  '^(?:' +
    [
      '', '\\$\\{[^}]*\\}', '\\$[A-Za-z_][A-Za-z0-9_]*', '<[^>]*>', '\\[[^\\]]*\\]', '\\{\\{[^}]*\\}\\}',
      'x+', '\\*+', '\\.+', '-+', '\\.\\.\\.', 'n\\/a',
      // Words that mean "fill this in" or "nothing here", alone or leading a phrase (`dummy-key-for-proxy`, `replace-me-with-…`).
      'change[-_]?me.*', 'replace[-_]?me.*', 'your[-_].*', 'my[-_].*', 'dummy.*', 'fake[-_].*', 'placeholder.*', 'test[-_].*',
      'not[-_ ]?(?:needed|used|set|required|a[-_ ]?secret)', 'unused', 'example', 'sample', 'secret', 'password', 'test', 'testing',
      'todo', 'tbd', 'none', 'null', 'nil', 'undefined', 'false', 'true', 'redacted',
    ].join('|') +
    ')$',
  'i',
);
/** A run of filler (`sk-ant-xxxxxxxxxxxx`, `ghp_********`): a template of a token, not a token. */
const FILLER_RUN = /x{6,}|X{6,}|\*{4,}|\.{3,}|…/;

/** Development defaults of local services: the words their docs and templates use. */
const DEV_DEFAULTS = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'valkey', 'root', 'admin', 'administrator', 'dev',
  'develop', 'development', 'local', 'localdev', 'guest', 'user', 'pass', 'passwd', 'default', 'demo', 'minioadmin', 'rabbitmq',
  'elastic', 'neo4j', 'keycloak', 'grafana', 'pgadmin', 'changeit', 'letmein', 'qwerty', 'rootpass', 'rootpassword',
  'mysecretpassword', 'supersecret', 'secret', 'password', 'example', 'test', 'testing',
]);
/** Words that mark a chosen value as a local default (`dev_password_change_in_production`). */
const DEV_MARKER = /^(?:dev|devel|development|local|localhost|test|testing|example|demo|default|insecure|change|changeme|sample|compose|docker|only)$/;

/** Images of local services whose passwords are set by the compose file itself: databases, caches, queues, stores, their admin UIs. */
const LOCAL_SERVICE_IMAGES = new Set([
  'postgres', 'postgresql', 'postgis', 'pgvector', 'timescaledb', 'mysql', 'mariadb', 'percona', 'percona-server', 'mongo', 'mongodb',
  'mongodb-community-server', 'redis', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb', 'dragonfly', 'memcached', 'neo4j', 'cassandra',
  'clickhouse', 'clickhouse-server', 'couchdb', 'couchbase', 'influxdb', 'rabbitmq', 'minio', 'elasticsearch', 'opensearch', 'mssql',
  'surrealdb', 'cockroach', 'yugabyte', 'pgadmin4', 'adminer', 'keycloak', 'grafana', 'mongo-express', 'redis-commander',
]);

export interface SecretHit {
  /** What the value is, to follow "holds": `an Anthropic API key as a literal`, `a real-looking literal value`. */
  what: string;
  masked: string;
  /** Set when the value is a local service's development default: why it is one, for the message. */
  devDefault?: string;
}

/** What a value is judged against: the local service it configures (`postgres`), and the names around it. */
export interface SecretContext {
  /** The database or cache image of the container (`postgres`), when it is one. */
  service?: string;
  /** The service's name and the user and database names set beside the password. */
  related?: string[];
}

/** The first characters only: enough to find the value, never enough to use it. */
export function mask(value: string): string {
  const v = value.trim();
  return v.length <= 8 ? '****' : `${v.slice(0, 4)}…(${v.length} chars)`;
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return PLACEHOLDER.test(v) || /^\$\{[^}]+\}$/.test(v) || FILLER_RUN.test(v);
}

export function knownTokenShape(value: string): string | undefined {
  return TOKEN_SHAPES.find((t) => t.re.test(value))?.what;
}

export interface TextSecret {
  /** Offsets of the secret in the text. */
  start: number;
  end: number;
  what: string;
  masked: string;
}

/** `--api-key X`, `--token=X`, `-H "Authorization: Bearer X"`, `-H 'X-Api-Key: X'`: the value after a credential flag or header. */
const CREDENTIAL_ARGUMENT = /(?:--(?:api[-_]?key|access[-_]?token|auth[-_]?token|token|key|secret|password)(?:=|\s+)|(?:Authorization|X-Api-Key|Api-Key|X-Auth-Token)\s*:\s*(?:(?:Bearer|Basic|Token|Bot)\s+)?)["']?([^\s"'\\)]+)/dgi;
/** `NAME=value` inside a command line (`JUPYTER_TOKEN=abc jupyter lab`). */
const ASSIGNMENT = /(?:^|[\s(;&|"'?])([A-Za-z_][A-Za-z0-9_]*)=(["']?)([^\s"';&|)]+)\2/dg;

/**
 * Credentials written inside free text: a command line saved as a permission rule (`Bash(curl -H "Authorization:
 * Bearer sk-…" …)`), an MCP server's arguments, a hook or helper command, a URL. Known token shapes anywhere, the
 * value after a credential flag or header, and assignments to secret-named variables; placeholders are not secrets.
 */
export function secretsInText(text: string): TextSecret[] {
  const out: TextSecret[] = [];
  const add = (start: number, value: string, what: string) => {
    if (out.some((o) => start < o.end && start + value.length > o.start)) return;
    out.push({ start, end: start + value.length, what, masked: mask(value) });
  };
  for (const t of TOKEN_SHAPES) {
    for (const m of text.matchAll(new RegExp(t.re.source, 'g'))) if (!FILLER_RUN.test(m[0])) add(m.index, m[0], `${t.what} as a literal`);
  }
  for (const m of text.matchAll(CREDENTIAL_ARGUMENT)) {
    if (credentialLike(m[1])) add(m.indices![1]![0], m[1], 'a real-looking credential after a credential flag or header');
  }
  for (const m of text.matchAll(ASSIGNMENT)) {
    const hit = credentialLike(m[3]) ? secretIn(m[1], m[3]) : undefined;
    if (hit && !hit.devDefault) add(m.indices![3]![0], m[3], hit.what);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** In free text a credential is long and mixes letters and digits: a word (`key=lambda`, `--token my-token`) or a reference is not one. */
function credentialLike(v: string): boolean {
  return v.length >= 12 && !v.includes('$') && !/^[./~<]/.test(v) && !isPlaceholder(v) && /\d/.test(v) && /[A-Za-z]/.test(v);
}

/** A literal secret in `name=value`, by the value's shape or by a secret-looking name with a real-looking value. */
export function secretIn(name: string, value: string | undefined, context: SecretContext = {}): SecretHit | undefined {
  if (value === undefined) return undefined;
  // A token's template (`sk-ant-xxxxxxxx…`) has the shape but not the secret.
  const shape = FILLER_RUN.test(value) ? undefined : knownTokenShape(value);
  if (shape) return { what: `${shape} as a literal`, masked: mask(value) };
  // Header names (`X-Api-Key`, `Authorization`) count like variable names.
  const n = name.replace(/-/g, '_');
  const auth = /^(?:PROXY_)?AUTHORIZATION$/i.test(n);
  if (!auth && (!SECRET_NAME.test(n) || NOT_SECRET_NAME.test(n))) return undefined;
  // `Authorization: Bearer <token>`: the credential is what follows the scheme.
  const v = (auth ? value.replace(/^\s*(?:Bearer|Basic|Token|Bot)\s+/i, '') : value).trim();
  // Too short to be a credential, a reference to a file or a variable, or a placeholder.
  if (v.length < 6 || v.includes('$') || /^[./~]/.test(v) || isPlaceholder(v)) return undefined;
  // Issued tokens are random: plain words that name a proxy (`claude-docker-proxy`) are a sentinel it swaps for the real one.
  if (ISSUED_TOKEN_NAME.test(n) && SENTINEL.test(v)) return undefined;
  const hit: SecretHit = { what: 'a real-looking literal value', masked: mask(v) };
  const dev = devDefault(n, v, context);
  if (dev) hit.devDefault = dev;
  return hit;
}

/** Why `value` is a local service's development default for the password-like `name`, or undefined. */
function devDefault(name: string, value: string, context: SecretContext): string | undefined {
  if (!PASSWORD_NAME.test(name)) return undefined;
  const where = context.service ? `the ${context.service} service` : DATABASE_CLIENT_NAME.test(name) ? 'a local database' : undefined;
  if (!where) return undefined;
  const v = value.toLowerCase();
  // `postgres`, `admin123`, `root!`: a default word with the digits people add to pass a length check.
  const stem = v.replace(/[0-9!]{1,4}$/, '');
  if (DEV_DEFAULTS.has(v) || DEV_DEFAULTS.has(stem)) return `a common development default of ${where}`;
  const related = (context.related ?? []).map((r) => r.toLowerCase()).filter((r) => r.length > 0);
  if (related.includes(v)) return `the same as the service's own user or name, the development default of ${where}`;
  // Only the service's own stack reads a phrase like `dev_password_change_in_production`.
  const words = /^[a-z]+(?:[-_][a-z]+)+$/.test(v) ? v.split(/[-_]/) : [];
  if (context.service && words.some((w) => DEV_MARKER.test(w))) return `a development default of ${where}, named as one`;
  return undefined;
}

/** `postgres:16`, `docker.io/library/redis`, `bitnami/postgresql`, `mcr.microsoft.com/mssql/server` → the local service it is. */
export function localServiceImage(image: string | undefined): string | undefined {
  if (!image || image.includes('$')) return undefined;
  const repo = image.trim().replace(/@.*$/, '').replace(/:[^/]*$/, '').toLowerCase();
  if (/(?:^|\/)mssql\/server$/.test(repo)) return 'mssql';
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  const base = last.replace(/-(?:alpine|slim|server|bookworm|bullseye)$/, '');
  return LOCAL_SERVICE_IMAGES.has(last) ? last : LOCAL_SERVICE_IMAGES.has(base) ? base : undefined;
}

/** A variable named like a credential (`*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_API_KEY`, `*_PAT` …), whatever it belongs to. */
export function secretShapedName(name: string): boolean {
  const n = name.toUpperCase().replace(/-/g, '_');
  return SECRET_SHAPED_NAME.test(n) && !NOT_SECRET_NAME.test(n);
}

/** Host variables that carry cloud or VCS credentials, known by name. The agents' own API keys are not listed. */
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

/** A cloud or source-control credential by name (any case: `github_token` in a script is the same token). */
export function hostCredentialVar(name: string): boolean {
  const n = name.toUpperCase();
  return !modelCredentialVar(n) && (HOST_CREDENTIAL_VARS.has(n) || CLOUD_PREFIX.test(n));
}

/** The model credentials agents are documented to take from the environment, with whose they are. */
const MODEL_CREDENTIALS: Record<string, string> = {
  ANTHROPIC_API_KEY: 'Anthropic', ANTHROPIC_AUTH_TOKEN: 'Anthropic', CLAUDE_CODE_OAUTH_TOKEN: 'Claude Code',
  OPENAI_API_KEY: 'OpenAI', CODEX_API_KEY: 'OpenAI', AZURE_OPENAI_API_KEY: 'Azure OpenAI', GEMINI_API_KEY: 'Gemini',
  GOOGLE_API_KEY: 'Gemini', GOOGLE_GENERATIVE_AI_API_KEY: 'Gemini', OPENROUTER_API_KEY: 'OpenRouter', MISTRAL_API_KEY: 'Mistral',
  DEEPSEEK_API_KEY: 'DeepSeek', GROQ_API_KEY: 'Groq', XAI_API_KEY: 'xAI', TOGETHER_API_KEY: 'Together', FIREWORKS_API_KEY: 'Fireworks',
  CEREBRAS_API_KEY: 'Cerebras', DASHSCOPE_API_KEY: 'Qwen', MOONSHOT_API_KEY: 'Moonshot', ZAI_API_KEY: 'Z.ai', COHERE_API_KEY: 'Cohere',
  PERPLEXITY_API_KEY: 'Perplexity', FACTORY_API_KEY: 'Factory', CURSOR_API_KEY: 'Cursor', AMP_API_KEY: 'Amp', AUGMENT_API_TOKEN: 'Augment',
  OLLAMA_API_KEY: 'Ollama', LITELLM_API_KEY: 'LiteLLM', LITELLM_MASTER_KEY: 'LiteLLM', AWS_BEARER_TOKEN_BEDROCK: 'Bedrock',
};

/** The provider whose model credential this variable is (`ANTHROPIC_API_KEY` → Anthropic), or undefined. */
export function modelCredentialVar(name: string): string | undefined {
  return MODEL_CREDENTIALS[name.toUpperCase()];
}

/** A host variable named for the agent (`AGENT_REPO_TOKEN`, `SANDBOX_GH_TOKEN`): a credential made for it, as the fix asks. */
export function dedicatedAgentVariable(name: string): boolean {
  return /(?:^|_)(?:AGENT|SANDBOX|BOT)(?:_|$)/i.test(name);
}
