/** Secret recognition, and that no output ever repeats a secret. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secretIn, mask, hostCredentialVar } from '../src/model/secrets.js';
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
  expect(secretIn(name, value)?.what).toContain(name);
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
    expect(run.findings.filter((f) => f.ruleId === 'secret-in-config')).toHaveLength(6);
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
