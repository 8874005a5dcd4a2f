/** The launcher (dist/cli.js → src/launch.ts): the code cache it keeps must never change what a run reports. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli.js');
let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'asl-cache-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function run(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, '-f', 'json', 'examples/risky-agent'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, AGENT_SANDBOX_LINT_NO_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '', ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  return r.stdout;
}

const cacheDir = () => path.join(home, 'agent-sandbox-lint');
const cacheFiles = () => readdirSync(cacheDir()).map((f) => path.join(cacheDir(), f));

it('the first run leaves one private cache file; the next run uses it as it is and reports the same', () => {
  const first = run();
  const [file, ...more] = cacheFiles();
  expect(more).toEqual([]);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
  const before = readFileSync(file);
  const mtime = statSync(file).mtimeMs;
  expect(run()).toBe(first);
  // Rewritten only when V8 refuses it: the same bytes and time mean it was read and accepted.
  expect(statSync(file).mtimeMs).toBe(mtime);
  expect(readFileSync(file).equals(before)).toBe(true);
});

it('AGENT_SANDBOX_LINT_NO_CACHE and NODE_DISABLE_COMPILE_CACHE write nothing', () => {
  run({ AGENT_SANDBOX_LINT_NO_CACHE: '1' });
  run({ NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(readdirSync(home)).toEqual([]);
});

it('a corrupt cache is refused by V8 and replaced; a cache others may write is not used and replaced', () => {
  const expected = run();
  const [file] = cacheFiles();
  writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o600 });
  expect(run()).toBe(expected);
  expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  chmodSync(file, 0o666);
  expect(run()).toBe(expected);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

it('a cache folder that cannot be written only means no cache', () => {
  writeFileSync(path.join(home, 'agent-sandbox-lint'), 'a file where the folder would be');
  const out = run();
  expect(JSON.parse(out).findings.length).toBeGreaterThan(10);
});
