/** The progress line: on a terminal, for big runs, never in piped or CI output. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progressLine, PROGRESS_MIN_FILES } from '../src/cli.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (s: string) => writes.push(s) };
}

describe('progressLine', () => {
  it('is off when stderr is not a terminal, or in CI', () => {
    expect(progressLine(fakeStream(false), {})).toBeUndefined();
    expect(progressLine(fakeStream(true), { CI: 'true' })).toBeUndefined();
    expect(progressLine(fakeStream(true), { GITHUB_ACTIONS: 'true' })).toBeUndefined();
  });

  it('stays quiet for small runs, counts big ones and clears its line', () => {
    const small = fakeStream(true);
    const p = progressLine(small, {})!;
    for (let i = 1; i <= 10; i++) p.update(i, 10);
    p.clear();
    expect(small.writes).toEqual([]);

    const big = fakeStream(true);
    const q = progressLine(big, {})!;
    const total = PROGRESS_MIN_FILES + 100;
    for (let i = 1; i <= total; i++) q.update(i, total);
    q.clear();
    expect(big.writes[0]).toBe(`\ragent-sandbox-lint: read 1/${total} files`);
    expect(big.writes.at(-2)).toBe(`\ragent-sandbox-lint: read ${total}/${total} files`);
    expect(big.writes.at(-1)).toBe('\r\x1b[K');
    // Throttled: not one write per file.
    expect(big.writes.length).toBeLessThan(20);
  });
});

describe('the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'asl-progress-'));
    for (let i = 0; i < PROGRESS_MIN_FILES + 20; i++) writeFileSync(path.join(dir, `c${i}.Dockerfile`), 'FROM node:20\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing on a piped stderr', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', '--fail-on', 'none', dir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? it : it.skip)('shows files read / total on a terminal (util-linux script gives it one)', () => {
    const env = { ...process.env };
    delete env.CI;
    delete env.GITHUB_ACTIONS;
    const cmd = `${JSON.stringify(process.execPath)} dist/cli.js --fail-on none ${JSON.stringify(dir)} > /dev/null`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`agent-sandbox-lint: read ${PROGRESS_MIN_FILES + 20}/${PROGRESS_MIN_FILES + 20} files`);
    expect(r.stdout).toContain('\x1b[K');
  });
});
