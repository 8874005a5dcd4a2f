/**
 * Hostile input over the whole pipeline: property-based fuzzing (random bytes under every recognised name,
 * mutated fixtures) and fixed worst cases (deep nesting, alias bombs, a 50 MB file, 100,000 continuation lines,
 * NUL, invalid UTF-8, BOM, CRLF and lone CR, very long lines) run through the built CLI with time and memory bounds.
 * `npm run fuzz -- --seed S --runs N` runs the same property for a long time (scripts/fuzz.mjs).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { checkTree, hostileTree, FIXTURES } from './helpers/hostile.js';
import { validateSarif } from './helpers/sarif.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
const LONG = process.env.FUZZ_RUNS !== undefined;
const DEEP_SH = LONG ? 5_000 : 1_000;

let base: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'asl-fuzz-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

it('has fixtures of every kind to mutate', () => {
  const kinds = new Set(FIXTURES.map((f) => f.name.split('/').pop()));
  for (const name of ['devcontainer.json', 'compose.yaml', 'Dockerfile', 'run.sh', 'settings.json', '.mcp.json', 'config.toml', 'SKILL.md', 'marketplace.json', 'hooks.json', 'mcp.json', 'cli.json', 'environment.json', 'opencode.json', '.env', '.aider.conf.yml', 'triage.yml']) expect(kinds).toContain(name);
});

it('random and mutated files never crash, hang, vanish or break the output', async () => {
  let cases = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(hostileTree, async (files) => {
      cases++;
      // Validating SARIF against both schemas costs more than the lint; the long run samples it.
      const errors = await checkTree(base, files, { deadlineMs: 10_000, validate: !LONG || cases % 20 === 1 });
      if (errors.length) throw new Error(errors.join('\n'));
    }),
    { numRuns: RUNS, seed: SEED, verbose: fc.VerbosityLevel.None, endOnFailure: true },
  );
  if (LONG) process.stderr.write(`fuzz: ${cases} cases, seed ${SEED ?? 'random'}, ${((Date.now() - started) / 1000).toFixed(0)} s, no failure\n`);
}, LONG ? 24 * 3600 * 1000 : 60_000);

// ---------------------------------------------------------------------------------------------------------------
// Fixed worst cases, through the built binary: a separate process, so its time and peak memory are measured.

const CLI = path.resolve('dist/cli.js');
/** Runs the CLI and reports its own peak RSS (process.resourceUsage, so no /usr/bin/time is needed). */
function runCli(args: string[], cwd: string, timeoutMs = 30_000) {
  const code = `process.on('exit',()=>process.stderr.write('\\n__MAXRSS_KB '+process.resourceUsage().maxRSS+'\\n'));import(${JSON.stringify(pathToFileURL(CLI).href)})`;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['-e', code, 'cli', ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const rss = /__MAXRSS_KB (\d+)/.exec(r.stderr ?? '');
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(base, 'w-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const PRIV_COMPOSE = 'services:\n  agent:\n    image: node:20\n    privileged: true\n';
const PRIV_JSON = '{\n  "image": "node:20",\n  "privileged": true\n}\n';
const PRIV_SH = '#!/bin/sh\ndocker run --privileged node:20\n';

function billionLaughs(): string {
  let y = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const n of 'bcdefghijk') {
    y += `${n}: &${n} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
    prev = n;
  }
  return `${y}services:\n  x:\n    image: node:20\n    command: *k\n`;
}

function mergeBomb(levels: number): string {
  // Nested mappings of aliases multiply too (each alias resolution also re-walks the document: 12 levels take 2.6 s).
  let y = 'x0: &x0 {privileged: true, image: "node:20"}\n';
  for (let i = 1; i <= levels; i++) y += `x${i}: &x${i}\n${Array.from({ length: 10 }, (_, j) => `  k${j}: *x${i - 1}`).join('\n')}\n`;
  return `${y}services:\n  s:\n    <<: *x${levels}\n`;
}

const WORST: Record<string, string | Buffer> = {
  // Deep nesting: 10,000 levels of JSON arrays and objects, YAML block mappings, flow mappings and flow sequences.
  'deep-json-arrays/.mcp.json': '['.repeat(10_000) + ']'.repeat(10_000),
  'deep-json-objects/.devcontainer/devcontainer.json': '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
  'deep-json-unclosed/.claude/settings.json': '{"a":['.repeat(10_000),
  'deep-yaml-block/compose.yaml': `services:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 2)}k:`).join('\n')}\n`,
  'deep-yaml-flow-map/compose.yaml': `services: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  'deep-yaml-flow-seq/compose.yaml': `services: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'deep-toml/.codex/config.toml': `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  // Nested command substitutions cost tree-sitter ~0.4 ms per level squared (5,000 levels: 2 s): 1,000 here, 5,000 in the long run.
  'deep-shell/run.sh': `#!/bin/sh\n${'$('.repeat(DEEP_SH)}true${')'.repeat(DEEP_SH)}\n`,
  'deep-dockerfile/Dockerfile': `FROM node:20\nRUN ${'$('.repeat(DEEP_SH)}true${')'.repeat(DEEP_SH)}\n`,
  // Alias bombs: ten levels of ten (10^10 nodes if expanded), and a merge-key bomb.
  'bomb/compose.yaml': billionLaughs(),
  'merge-bomb/compose.yaml': mergeBomb(LONG ? 12 : 6),
  // A 50 MB file: over the default 1 MiB cap, reported without being read.
  'huge/compose.yaml': Buffer.alloc(50 * 1024 * 1024, '#'),
  // 100,000 continuation lines in one docker run (600 KB).
  'continuations/run.sh': `#!/bin/sh\ndocker run --privileged \\\n${'  -t \\\n'.repeat(100_000)}  node:20\n`,
  // Very long lines: 900 KB on one line in each format.
  'long-line/.devcontainer/devcontainer.json': `{"image": "node:20", "privileged": true, "x": "${'x'.repeat(900_000)}"}\n`,
  'long-line/compose.yaml': `services:\n  agent:\n    image: node:20\n    privileged: true\n    command: ${'x'.repeat(900_000)}\n`,
  // dockerfile-ast needs ~370 bytes of memory per byte of a long RUN line (900 KB: 0.9 s, 340 MB): 100 KB here.
  'long-line/Dockerfile': `FROM node:20\nRUN echo ${'x'.repeat(LONG ? 900_000 : 100_000)}\n`,
  'long-line/run.sh': `#!/bin/sh\ndocker run --privileged -e X=${'x'.repeat(900_000)} node:20\n`,
  // NUL bytes and binary.
  'nul/compose.yaml': Buffer.concat([Buffer.from(PRIV_COMPOSE), Buffer.from([0, 1, 2])]),
  'nul/run.sh': Buffer.concat([Buffer.from(PRIV_SH), Buffer.from([0])]),
  // Encodings and line ends that must still be linted, at the right place.
  'bom/compose.yaml': `\uFEFF${PRIV_COMPOSE}`,
  'bom/.devcontainer/devcontainer.json': `\uFEFF${PRIV_JSON}`,
  'bom/run.sh': `\uFEFF${PRIV_SH}`,
  'crlf/compose.yaml': PRIV_COMPOSE.replace(/\n/g, '\r\n'),
  'crlf/.devcontainer/devcontainer.json': PRIV_JSON.replace(/\n/g, '\r\n'),
  'crlf/run.sh': PRIV_SH.replace(/\n/g, '\r\n'),
  'lone-cr/compose.yaml': PRIV_COMPOSE.replace(/\n/g, '\r'),
  'lone-cr/.devcontainer/devcontainer.json': PRIV_JSON.replace(/\n/g, '\r'),
  'bad-utf8/compose.yaml': Buffer.concat([Buffer.from('services:\n  agent:\n    image: node:20 # '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('\n    privileged: true\n')]),
  'bad-utf8/.devcontainer/devcontainer.json': Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xc0, 0xaf]), Buffer.from('", "image": "node:20", "privileged": true}\n')]),
  'bad-utf8/run.sh': Buffer.concat([Buffer.from('#!/bin/sh\n# '), Buffer.from([0xff, 0xfe]), Buffer.from('\ndocker run --privileged node:20\n')]),
  'canary/compose.yaml': PRIV_COMPOSE,
  // Arrays that double forty times and strings that grow eightfold forty times: the expansion budget stops them,
  // and the privileged flag written plainly is still found.
  'expansion-bomb/run.sh': expansionBomb(),
};

function expansionBomb(): string {
  const lines = ['#!/bin/bash', 'a0=(--rm --rm)', 's0=xxxxxxxx'];
  for (let i = 1; i <= 40; i++) lines.push(`a${i}=("\${a${i - 1}[@]}" "\${a${i - 1}[@]}")`, `s${i}="${`$s${i - 1}`.repeat(8)}"`);
  lines.push('self=("${self[@]}" "${self[@]}")', 'docker run --privileged "${a40[@]}" "${self[@]}" -e "X=$s40" node:20 true');
  return `${lines.join('\n')}\n`;
}

describe('worst cases through the CLI', () => {
  let run: ReturnType<typeof runCli>;
  let out: { files: { file: string }[]; findings: { ruleId: string; file: string; message: string }[] };
  beforeAll(() => {
    const dir = tree(WORST);
    run = runCli(['-f', 'json', '.'], dir);
    out = JSON.parse(run.stdout) as typeof out;
  });

  it('ends within the bound and the memory stays bounded', () => {
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(20_000);
    // 50 MB of input on disk, 10^10 nodes behind the aliases: the process stays far below either.
    expect(run.rssMb).toBeLessThan(400);
  });

  it('reports every file it could not handle and lints every other one', () => {
    const seen = new Set(out.files.map((f) => f.file));
    const invalid = new Map(out.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => [f.file, f.message]));
    const lost = Object.keys(WORST).filter((f) => !seen.has(f) && !invalid.has(f));
    expect(lost).toEqual([]);
    expect(invalid.get('huge/compose.yaml')).toMatch(/over the 1048576-byte limit/);
    for (const f of ['bomb/compose.yaml', 'merge-bomb/compose.yaml', 'deep-json-arrays/.mcp.json', 'deep-yaml-block/compose.yaml', 'nul/compose.yaml', 'nul/run.sh']) {
      expect([f, invalid.get(f)]).toEqual([f, expect.any(String)]);
    }
    const privileged = new Set(out.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.file));
    const mustFire = Object.keys(WORST).filter((f) => /^(bom|crlf|lone-cr|bad-utf8|long-line|canary|continuations|expansion-bomb)\//.test(f) && !f.endsWith('Dockerfile'));
    expect(mustFire.filter((f) => !privileged.has(f))).toEqual([]);
  });

  it('writes valid SARIF for the encodings, bombs and binary files', () => {
    const dir = tree(Object.fromEntries(Object.entries(WORST).filter(([f]) => /^(bom|crlf|lone-cr|bad-utf8|nul|bomb|huge|deep-json-arrays|canary)\//.test(f))));
    const sarif = runCli(['-f', 'sarif', '.'], dir);
    expect(validateSarif(JSON.parse(sarif.stdout))).toEqual([]);
  });
});

// Regression: concurrent files once each loaded the 1.3 MB grammar (500 scripts: 5.9 s and 1.6 GB).
it('sixty scripts in one run load the shell parser once (time and memory stay flat)', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`s${i}.sh`] = `#!/bin/sh\ndocker run --rm -v "$PWD:/w" node:20 claude -p "run the tests"\n`;
  const r = runCli(['-f', 'json', '.'], tree(files));
  expect(r.status).toBe(1);
  expect(r.rssMb).toBeLessThan(150);
});
