/**
 * The whole-pipeline fuzz harness shared by test/fuzz.test.ts (a few dozen cases in `npm test`) and `npm run fuzz`
 * (scripts/fuzz.mjs: the same properties, 100,000+ cases, a seed and a count).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { walkFiles } from './project.js';
import fc from 'fast-check';
import { lint } from '../../src/lint.js';
import { defaultConfig } from '../../src/config.js';
import { formatJson, formatSarif } from '../../src/report/index.js';
import { kindByName } from '../../src/discover.js';
import { TextIndex } from '../../src/parse/text-index.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { get, isMap } from '../../src/parse/tree.js';
import { validateSarif } from './sarif.js';

/** Every name discovery recognises (extensionless scripts are recognised by their shebang: see `withShebang`). */
export const NAMES = [
  '.devcontainer/devcontainer.json',
  'sub/.devcontainer.json',
  'compose.yaml',
  'deploy/docker-compose.override.yml',
  'Dockerfile',
  'Dockerfile.agent',
  'build/agent.Dockerfile',
  'Containerfile',
  'scripts/run.sh',
  'scripts/x.bash',
  'scripts/x.zsh',
  'bin/start-agent',
  '.claude/settings.json',
  '.claude/settings.local.json',
  'managed-settings.json',
  '.mcp.json',
  '.codex/config.toml',
  '.vscode/settings.json',
  '.claude/agents/doc-writer.md',
  '.claude/skills/release/SKILL.md',
  '.claude/commands/git/commit.md',
  '.claude-plugin/plugin.json',
  '.claude-plugin/marketplace.json',
  'plugin/hooks/hooks.json',
  '.gemini/settings.json',
  '.qwen/settings.json',
  '.gemini/.env',
  '.vscode/mcp.json',
  '.cursor/mcp.json',
  '.kiro/settings/mcp.json',
  '.roo/mcp.json',
  '.cursor/cli.json',
  '.cursor/environment.json',
  'opencode.json',
  '.amp/settings.json',
  '.zed/settings.json',
  '.aider.conf.yml',
  '.github/workflows/claude.yml',
  '.github/actions/setup/action.yml',
];

const FIXTURE_ROOT = path.resolve('fixtures');

/** Every fixture file of a recognised kind, with the name it is linted under (its own base name, folders kept short). */
export const FIXTURES: { name: string; bytes: Buffer }[] = walkFiles(FIXTURE_ROOT)
  .map((abs) => ({ rel: path.relative(FIXTURE_ROOT, abs).split(path.sep).join('/'), abs }))
  .filter((f) => kindByName(f.rel) !== undefined)
  .map((f) => {
    const parts = f.rel.split('/');
    // Keep the folders that make the kind (.claude/, .codex/, .devcontainer/); drop the rule/case folders.
    const keep = parts.slice(2).join('/');
    return { name: kindByName(keep) ? keep : parts[parts.length - 1], bytes: readFileSync(f.abs) };
  });

/** A mutation of some bytes, as a fuzzer does it: each keeps the file mostly real so the parsers go deep. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), what: fc.constantFrom('\0', '\xff\xfe', '\u00c3(', '\r', '\r\n', '\t', '{', '[', '"', "'", '\\', '&a ', '*a', '<<: *a\n', '${HOME}', '`', '$(', '#', '-', ': ', '\u2028', '"${a[@]}"', 'a+=(', '${x:-', '$x') }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constant('crlf' as const) }),
  fc.record({ op: fc.constant('loneCr' as const) }),
  fc.record({ op: fc.constant('longLine' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.integer({ min: 1000, max: 200_000 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function lineBounds(buf: Buffer, at: number): [number, number] {
  const pos = Math.floor(at * buf.length);
  const start = buf.lastIndexOf(10, pos - 1) + 1;
  const nl = buf.indexOf(10, pos);
  return [start, nl === -1 ? buf.length : nl + 1];
}

export function mutate(buf: Buffer, m: Mutation): Buffer {
  const pos = 'at' in m ? Math.floor(m.at * buf.length) : 0;
  switch (m.op) {
    case 'truncate':
      return buf.subarray(0, pos);
    case 'flip': {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      out[Math.min(pos, buf.length - 1)] = m.byte;
      return out;
    }
    case 'deleteLine': {
      const [s, e] = lineBounds(buf, m.at);
      return Buffer.concat([buf.subarray(0, s), buf.subarray(e)]);
    }
    case 'duplicateLine': {
      // Duplicated keys in JSON/YAML, a repeated flag in a script, a second FROM.
      const [s, e] = lineBounds(buf, m.at);
      return Buffer.concat([buf.subarray(0, e), buf.subarray(s, e), buf.subarray(e)]);
    }
    case 'insert':
      return Buffer.concat([buf.subarray(0, pos), Buffer.from(m.what, 'latin1'), buf.subarray(pos)]);
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
    case 'crlf':
      return Buffer.from(buf.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    case 'loneCr':
      return Buffer.from(buf.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
    case 'longLine':
      return Buffer.concat([buf.subarray(0, pos), Buffer.alloc(m.n, 'x'), buf.subarray(pos)]);
  }
}

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
}

/** Random bytes (and random text) under a recognised name. */
export const randomFile: fc.Arbitrary<HostileFile> = fc.record({
  name: fc.constantFrom(...NAMES),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.string({ unit: 'binary', maxLength: 2048 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    fc.string({ unit: fc.constantFrom(...'{}[]:,"\'-#&*!|>\n \t\\$`()<;services image privileged true'.split('')), maxLength: 2048 }).map((s) => new Uint8Array(Buffer.from(s))),
  ),
});

/** A real fixture, mutated one to four times. */
export const mutatedFixture: fc.Arbitrary<HostileFile> = fc
  .record({ fixture: fc.constantFrom(...FIXTURES), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
  .map(({ fixture, mutations }) => ({ name: fixture.name, bytes: new Uint8Array(mutations.reduce((b, m) => mutate(b, m), fixture.bytes)) }));

/** An extensionless script is only a script with a shebang: give it one, so random bytes still reach the parser. */
function withShebang(f: HostileFile): HostileFile {
  if (kindByName(f.name)) return f;
  return { name: f.name, bytes: Buffer.concat([Buffer.from('#!/bin/sh\n'), f.bytes]) };
}

/** Several hostile files at distinct paths. */
export const hostileTree: fc.Arbitrary<HostileFile[]> = fc
  .array(fc.oneof(randomFile, mutatedFixture), { minLength: 1, maxLength: 4 })
  .map((files) => files.map((f, i) => withShebang({ name: `h${i}/${f.name}`, bytes: f.bytes })));

const CANARY = 'canary/compose.yaml';
const CANARY_TEXT = 'services:\n  agent:\n    image: node:20\n    privileged: true\n';

/** Would the pipeline legitimately leave this file out of `files`? Only a compose-named YAML file whose top level has no `services`. */
function legitimatelySkipped(name: string, bytes: Uint8Array): boolean {
  if (kindByName(name) !== 'compose') return false;
  if (Buffer.from(bytes).includes(0)) return false;
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return !isMap(get(parseYaml(new TextIndex(name, text)), 'services'));
  } catch {
    return false;
  }
}

export interface CheckOptions {
  /** Wall-time bound for one run, ms. */
  deadlineMs: number;
  /** Validate the SARIF against both schemas (slower; the long run may sample it). */
  validate: boolean;
}

/**
 * Lints `files` plus a canary in a fresh folder under `base` and returns what is wrong (empty: all properties hold):
 * the run ends within the bound, JSON and SARIF are valid, every hostile file is read or reported as
 * invalid-config (never silently lost), the canary is still linted, no absolute path leaks into the output, and
 * linting it in shards changes nothing.
 */
export async function checkTree(base: string, files: HostileFile[], opts: CheckOptions): Promise<string[]> {
  const dir = mkdtempSync(path.join(base, 'f-'));
  try {
    for (const f of [...files, { name: CANARY, bytes: Buffer.from(CANARY_TEXT) }]) {
      mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
      writeFileSync(path.join(dir, f.name), f.bytes);
    }
    const t0 = performance.now();
    const run = await lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
    const json = formatJson(run);
    const sarif = formatSarif(run, {});
    const ms = performance.now() - t0;
    const errors: string[] = [];
    if (ms > opts.deadlineMs) errors.push(`took ${ms.toFixed(0)} ms (bound ${opts.deadlineMs})`);
    const parsedJson = JSON.parse(json) as { files: { file: string }[]; findings: { ruleId: string; file: string; line: number; column: number }[] };
    const parsedSarif: unknown = JSON.parse(sarif);
    if (opts.validate) errors.push(...validateSarif(parsedSarif).slice(0, 3));
    const seen = new Set(parsedJson.files.map((f) => f.file));
    const invalid = new Set(parsedJson.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => f.file));
    for (const f of files) {
      if (!seen.has(f.name) && !invalid.has(f.name) && !legitimatelySkipped(f.name, f.bytes)) errors.push(`${f.name} disappeared: neither linted nor reported`);
    }
    if (!parsedJson.findings.some((f) => f.ruleId === 'privileged-container' && f.file === CANARY)) errors.push('the canary compose file was not linted');
    for (const f of parsedJson.findings) {
      if (!(f.line >= 1 && f.column >= 1)) errors.push(`${f.file}: bad position ${f.line}:${f.column}`);
    }
    if (json.includes(dir) || sarif.includes(dir)) errors.push('an absolute path leaked into the output');
    // The same tree in shards of one file each where it can be split (as a large scan is linted) must give the one-model result.
    const sharded = await lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true, shardSize: 1 });
    if (formatJson(sharded) !== json) errors.push('linted in shards, the tree gave another result');
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
