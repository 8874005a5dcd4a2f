/** Secret recognition, and that no output ever repeats a secret. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secretIn, mask, hostCredentialVar, modelCredentialVar, secretShapedName, localServiceImage, isPlaceholder } from '../src/model/secrets.js';
import { credentialFile, landingPath } from '../src/model/credential-files.js';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { formatResult, FORMATS } from '../src/report/index.js';

// Fake values with real shapes, split so that this file itself does not look like it holds live keys.
const FAKE = {
  anthropic: 'sk-ant-' + 'api03-' + 'FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0123456789',
  openai: 'sk-' + 'proj-' + 'FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE01234',
  aws: 'AKIA' + 'IOSFODNN7EXAMPLE',
  github: 'ghp_' + 'FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0123',
  githubPat: 'github_pat_' + '11FAKEFAKEFAKEFAKEFAKE_0123456789',
  gitlab: 'glpat-' + 'FAKEFAKEFAKEFAKE0123',
  slack: 'xoxb-' + '0000000000-FAKEFAKEFAKE',
  key: '-----BEGIN ' + 'OPENSSH PRIVATE KEY-----',
};

it.each(Object.entries(FAKE))('recognises the %s token shape under any name', (_kind, value) => {
  const hit = secretIn('SETTING', value);
  expect(hit).toBeDefined();
  expect(hit!.masked).not.toContain(value.slice(8));
});

it.each([
  ['API_TOKEN', 'tok_live_51Habcdefghijklmnop'],
  ['DB_PASSWORD', 'hunter2hunter2'],
  ['STRIPE_SECRET', 'whsec_1234567890abcdef'],
])('recognises a literal value for the secret-named %s', (name, value) => {
  const hit = secretIn(name, value);
  expect(hit?.what).toBe('a real-looking literal value');
  expect(hit?.devDefault).toBeUndefined();
});

it.each([
  ['API_KEY', '${API_KEY}'],
  ['API_KEY', '$API_KEY'],
  ['API_KEY', '${API_KEY:-}'],
  ['API_KEY', '<your-key>'],
  ['API_KEY', 'changeme'],
  ['API_KEY', 'xxxxxxxx'],
  ['API_KEY', ''],
  ['API_KEY', 'your-api-key-here'],
  ['API_KEY', 'dummy'],
  ['GITHUB_TOKEN', '${localEnv:GITHUB_TOKEN}'],
  ['KEY_FILE', '/run/secrets/api_key'],
  ['SSH_KEY', './keys/id_ed25519'],
  ['PUBLIC_KEY', 'AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKE'],
  ['AWS_ACCESS_KEY_ID', 'from-the-role'],
  ['MONKEY', 'banana-banana'],
  // A git commit hash and an image digest only resemble tokens.
  ['GIT_SHA', '9fceb02d0ae598e95dc970b74767f19372d61af8'],
  ['IMAGE', 'node@sha256:2f5b2b1e3c8d2a6f0b7e9c4d1a3f5e7b9c1d3f5a7b9c1e3d5f7a9b1c3e5d7f9a'],
  // 0.2: placeholders as real files write them.
  ['OPENAI_API_KEY', 'not-needed'],
  ['GEMINI_API_KEY', 'dummy-key-for-proxy'],
  ['APP_SECRET', 'replace-me-with-a-random-string'],
  ['COMPANY_API_TOKEN', 'test-secret-token-123'],
  ['SLACK_TOKEN', '[REDACTED_SLACK_TOKEN]'],
  ['LINEAR_API_KEY', 'your-linear-api-key-here'],
  ['WEBHOOK_SECRET', 'placeholder-value'],
  ['DB_PASSWORD', 'changeme-please'],
  ['ANTHROPIC_API_KEY', 'sk-ant-api03-' + 'x'.repeat(32)],
  // A sentinel a proxy swaps for the real token: issued tokens are never plain words.
  ['GH_TOKEN', 'claude-docker-proxy'],
])('stays quiet on %s=%s', (name, value) => {
  expect(secretIn(name, value)).toBeUndefined();
});

it('masks to a prefix and a length', () => {
  expect(mask(FAKE.anthropic)).toBe(`sk-a…(${FAKE.anthropic.length} chars)`);
  expect(mask('short')).toBe('****');
});

it('host credential variables, but not the agents own API keys', () => {
  for (const v of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'SSH_AUTH_SOCK', 'AZURE_CLIENT_SECRET', 'GCP_SERVICE_ACCOUNT_KEY']) expect(hostCredentialVar(v)).toBe(true);
  for (const v of ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'AWS_REGION', 'HOME']) expect(hostCredentialVar(v)).toBe(false);
});

it('no output format ever contains a full secret', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asl-secret-'));
  try {
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  a:\n    image: x:1\n    environment:\n      ANTHROPIC_API_KEY: ${FAKE.anthropic}\n      GH: ${FAKE.github}\n    labels:\n      aws: ${FAKE.aws}\n`);
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM x:1\nENV DB_PASSWORD=hunter2hunter2\nARG TOKEN=${FAKE.gitlab}\n`);
    writeFileSync(path.join(dir, 'run.sh'), `#!/bin/sh\ndocker run -e OPENAI_API_KEY=${FAKE.openai} x:1\n`);
    const run = await lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
    // The Dockerfile's two are in the built image: secret-in-image reports them (0.2).
    expect(run.findings.filter((f) => f.ruleId === 'secret-in-config')).toHaveLength(4);
    expect(run.findings.filter((f) => f.ruleId === 'secret-in-image')).toHaveLength(2);
    for (const format of FORMATS) {
      const out = formatResult(format, run, { color: false });
      for (const secret of [FAKE.anthropic, FAKE.github, FAKE.aws, FAKE.gitlab, FAKE.openai, 'hunter2hunter2']) {
        expect(out).not.toContain(secret);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('development defaults of local services (0.2)', () => {
  it.each([
    ['POSTGRES_PASSWORD', 'postgres', { service: 'postgres' }],
    ['POSTGRES_PASSWORD', 'saleor', { service: 'postgres', related: ['db', 'saleor'] }],
    ['POSTGRES_PASSWORD', 'dev_password_change_in_production', { service: 'postgres' }],
    ['MYSQL_ROOT_PASSWORD', 'rootpassword', { service: 'mysql' }],
    ['MYSQL_PASSWORD', 'admin123', { service: 'mysql' }],
    // A database client variable outside the database's own container.
    ['PGPASSWORD', 'postgres', {}],
  ])('%s=%s is a development default', (name, value, context) => {
    const hit = secretIn(name, value, context);
    expect(hit).toBeDefined();
    expect(hit!.devDefault).toMatch(/development default/);
  });

  it.each([
    // Random-looking values stay real secrets, even on a database.
    ['POSTGRES_PASSWORD', 'u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO', { service: 'postgres' }],
    ['REDASH_COOKIE_SECRET', 'OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ', { service: 'postgres' }],
    // A dev-sounding phrase counts only on the service itself.
    ['DB_PASSWORD', 'dev_password_change_in_production', {}],
    // Not a database: a default word is still a chosen password.
    ['ADMIN_PASSWORD', 'administrator', {}],
  ])('%s=%s stays an error', (name, value, context) => {
    const hit = secretIn(name, value, context);
    expect(hit).toBeDefined();
    expect(hit!.devDefault).toBeUndefined();
  });

  it('a known token shape is never a development default', () => {
    expect(secretIn('POSTGRES_PASSWORD', FAKE.github, { service: 'postgres' })?.devDefault).toBeUndefined();
  });

  it('knows local service images by their names', () => {
    expect(localServiceImage('postgres:16-alpine')).toBe('postgres');
    expect(localServiceImage('library/postgres:15-alpine')).toBe('postgres');
    expect(localServiceImage('bitnami/postgresql:16')).toBe('postgresql');
    expect(localServiceImage('mcr.microsoft.com/mssql/server:2022-latest')).toBe('mssql');
    expect(localServiceImage('ghcr.io/example/api:1.4')).toBeUndefined();
    expect(localServiceImage('${DB_IMAGE}')).toBeUndefined();
  });
});

it('placeholders with filler stay placeholders', () => {
  for (const v of ['xxxxxxxx', 'sk-ant-xxxxxxxxxxxxxxxx', 'ghp_********', '<token>', '${TOKEN}', '[REDACTED]']) expect(isPlaceholder(v)).toBe(true);
  for (const v of ['hunter2hunter2', 'Zk3q9vT2mWp8']) expect(isPlaceholder(v)).toBe(false);
});

it('secret-shaped names (0.2)', () => {
  for (const n of ['CONTEXT7_API_KEY', 'TAILSCALE_AUTH_KEY', 'SENTRY_AUTH_TOKEN', 'JIRA_PAT', 'DATABASE_PASSWORD', 'STRIPE_SECRET', 'OP_SERVICE_ACCOUNT_TOKEN', 'TF_TOKEN_app_terraform_io', 'GCP_CREDENTIALS', 'SIGNING_PRIVATE_KEY', 'MYSQL_PWD', 'SMTP_PASS', 'github_token']) {
    expect([n, secretShapedName(n)]).toEqual([n, true]);
  }
  for (const n of ['MAX_TOKENS', 'TOKEN_FILE', 'GITHUB_TOKEN_PATH', 'AWS_ACCESS_KEY_ID', 'CACHE_KEY', 'PWD', 'BYPASS', 'SSH_PUBLIC_KEY', 'TOKEN_URL']) {
    expect([n, secretShapedName(n)]).toEqual([n, false]);
  }
});

it('model credentials are told apart from cloud credentials', () => {
  expect(modelCredentialVar('ANTHROPIC_API_KEY')).toBe('Anthropic');
  expect(modelCredentialVar('CLAUDE_CODE_OAUTH_TOKEN')).toBe('Claude Code');
  expect(modelCredentialVar('GOOGLE_API_KEY')).toBe('Gemini');
  expect(hostCredentialVar('GOOGLE_API_KEY')).toBe(false);
  expect(hostCredentialVar('github_token')).toBe(true);
  expect(modelCredentialVar('GITHUB_TOKEN')).toBeUndefined();
});

describe('credential files', () => {
  it.each([
    ['.claude.json', 'error'],
    ['.claude/.credentials.json', 'error'],
    ['home/.codex/auth.json', 'error'],
    ['codex/auth.json', 'error'],
    ['.git-credentials', 'error'],
    ['.netrc', 'error'],
    ['.aws/credentials', 'error'],
    ['.pypirc', 'error'],
    ['keys/id_ed25519', 'error'],
    ['id_rsa', 'error'],
    ['certs/server-key.pem', 'error'],
    ['tls/privkey.pem', 'error'],
    ['gcp-service-account.json', 'error'],
    ['.npmrc', 'note'],
  ])('%s is a credential file (%s)', (p, severity) => {
    expect(credentialFile(p)?.severity).toBe(severity);
  });

  it.each(['certs/ca.pem', 'fullchain.pem', 'nodesource.gpg.key', 'id_rsa.pub', 'src/auth.json', 'id_generator.ts', '.claude', 'settings.json', '.docker', 'https://example.com/.netrc'])('%s is not', (p) => {
    expect(credentialFile(p)).toBeUndefined();
  });

  it('judges where a file lands, except for seeds of ~/.claude.json', () => {
    expect(credentialFile(landingPath('aws-creds', '/root/.aws/credentials', 1), 'destination')?.what).toBe('AWS credentials');
    expect(credentialFile(landingPath('deploy', '/home/node/.ssh/id_deploy', 1), 'destination')?.what).toBe('an SSH private key');
    expect(credentialFile(landingPath('onboarding.json', '/home/node/.claude.json', 1), 'destination')).toBeUndefined();
    expect(landingPath('a/.netrc', '/root/', 1)).toBe('/root/.netrc');
    expect(landingPath('x', '/root/dir', 2)).toBe('/root/dir/x');
  });
});

describe('secrets in free text (saved commands, MCP arguments, URLs)', () => {
  it('finds token shapes, values after credential flags and headers, and secret-named assignments, where they stand', async () => {
    const { secretsInText } = await import('../src/model/secrets.js');
    const text = 'Bash(curl -H "Authorization: Bearer Zq81Kd72Lm93Np04Rs15" https://x) JUPYTER_TOKEN=3f9a8c7e6d5b4a3c2d1e jupyter --api-key=ab12cd34ef56gh78';
    expect(secretsInText(text).map((s) => text.slice(s.start, s.end))).toEqual(['Zq81Kd72Lm93Np04Rs15', '3f9a8c7e6d5b4a3c2d1e', 'ab12cd34ef56gh78']);
  });

  it('leaves placeholders, references and words alone', async () => {
    const { secretsInText } = await import('../src/model/secrets.js');
    for (const text of ['Bash(export API_KEY=your-api-key-here)', 'curl -H "Authorization: Bearer ${TOKEN}"', '--api-key not-needed', '--token <token>', 'GITHUB_TOKEN=$GITHUB_TOKEN gh pr list', 'sk-ant-xxxxxxxxxxxxxxxxxxxxxxxxxxxx', '--key ./keys/dev.pem']) {
      expect({ text, found: secretsInText(text) }).toEqual({ text, found: [] });
    }
  });
});
