/** Baselines end to end (the built CLI): write, shift lines, re-run, add a new risk. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve('dist/cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'asl-baseline-'));
  mkdirSync(path.join(dir, 'scripts'));
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  agent:\n    image: node:20\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\ndocker run --rm --network host node:20 true\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface JsonReport {
  findings: { ruleId: string; file: string; line: number }[];
  baseline?: { file: string; hidden: number; stale: number; staleEntries: { ruleId: string; file: string; line: number }[] };
}
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as JsonReport;

it('round trip: line shifts report nothing new; a new risk is the only finding', () => {
  const before = json(run(['--format', 'json', '.'], dir));
  expect(before.findings.length).toBeGreaterThan(3);

  const w = run(['--write-baseline', 'asl-baseline.json', '.'], dir);
  expect(w.code).toBe(0);
  expect(w.stdout).toBe('');
  expect(w.stderr).toContain(`wrote ${before.findings.length} findings to the baseline asl-baseline.json`);
  const file = JSON.parse(readFileSync(path.join(dir, 'asl-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; file: string }[] };
  expect(file.version).toBe(1);
  expect(file.findings).toHaveLength(before.findings.length);
  expect(file.findings.every((e) => /^[0-9a-f]{32}:\d+$/.test(e.fingerprint))).toBe(true);

  // Unrelated edits that move every finding down.
  writeFileSync(path.join(dir, 'compose.yaml'), '# the agent\n\nservices:\n  # main service\n  agent:\n    image: node:20\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\nset -eu\n\n# start it\ndocker run --rm --network host node:20 true\n');
  const shifted = run(['--format', 'json', '--baseline', 'asl-baseline.json', '.'], dir);
  expect(shifted.code).toBe(0);
  expect(json(shifted).findings).toEqual([]);
  expect(json(shifted).baseline).toEqual({ file: 'asl-baseline.json', hidden: before.findings.length, stale: 0, staleEntries: [] });
  const text = run(['--baseline', 'asl-baseline.json', '.'], dir);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`Baseline asl-baseline.json: ${before.findings.length} known findings hidden.`);

  // A new risk: only it is reported, and it fails the run.
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\nset -eu\n\n# start it\ndocker run --rm --network host -v "$HOME/.aws:/root/.aws" node:20 true\n');
  const added = run(['--format', 'json', '--baseline', 'asl-baseline.json', '.'], dir);
  expect(added.code).toBe(1);
  expect(json(added).findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['host-credentials-mount', 'scripts/run.sh', 5]]);
  // SARIF and annotations leave the known findings out too.
  const sarif = JSON.parse(run(['--format', 'sarif', '--baseline', 'asl-baseline.json', '.'], dir).stdout) as { runs: { results: { ruleId: string }[] }[] };
  expect(sarif.runs[0].results.map((r) => r.ruleId)).toEqual(['host-credentials-mount']);
  const gh = run(['--format', 'github', '--baseline', 'asl-baseline.json', '.'], dir).stdout.trim().split('\n');
  expect(gh).toHaveLength(1);
  expect(gh[0]).toMatch(/^::error file=scripts\/run\.sh,line=5,.*title=host-credentials-mount::/);
});

it('counts stale entries (fixed findings) in the text summary and the JSON', () => {
  run(['--write-baseline', 'b.json', '.'], dir);
  writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  agent:\n    image: node:20\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n');
  const r = run(['--format', 'json', '--baseline', 'b.json', '.'], dir);
  expect(r.code).toBe(0);
  expect(json(r).baseline?.stale).toBe(1);
  expect(json(r).baseline?.staleEntries).toEqual([{ ruleId: 'privileged-container', file: 'compose.yaml', line: 4 }]);
  expect(run(['--baseline', 'b.json', '.'], dir).stdout).toMatch(/1 entry no longer found/);
  // A file outside this run (pre-commit passes a few) is not judged; a deleted one is stale.
  expect(json(run(['--format', 'json', '--baseline', 'b.json', 'compose.yaml'], dir)).baseline?.stale).toBe(1);
  rmSync(path.join(dir, 'scripts/run.sh'));
  expect(json(run(['--format', 'json', '--baseline', 'b.json', 'compose.yaml'], dir)).baseline?.stale).toBeGreaterThan(1);
});

it('matches from another working directory: paths are relative to the baseline file', () => {
  run(['--write-baseline', 'b.json', '.'], dir);
  const r = run(['--format', 'json', '--baseline', path.join(dir, 'b.json'), dir], os.tmpdir());
  expect(r.code).toBe(0);
  expect(json(r).findings).toEqual([]);
});

it('leaves suppressed findings out of the baseline', () => {
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\n# agent-sandbox-lint-disable-next-line privileged-container -- CI builder\ndocker run --rm --privileged node:20 true\n');
  run(['--write-baseline', 'b.json', 'scripts'], dir);
  const entries = (JSON.parse(readFileSync(path.join(dir, 'b.json'), 'utf8')) as { findings: { ruleId: string }[] }).findings;
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.map((e) => e.ruleId)).not.toContain('privileged-container');
});

it('tells repeated offending text apart by occurrence', () => {
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\ndocker run --rm --privileged node:20 true\n');
  run(['--write-baseline', 'b.json', '.'], dir);
  writeFileSync(path.join(dir, 'scripts/run.sh'), '#!/bin/sh\ndocker run --rm --privileged node:20 true\ndocker run --rm --privileged node:20 true\n');
  const r = json(run(['--format', 'json', '--baseline', 'b.json', '.'], dir));
  expect(r.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => f.line)).toEqual([3]);
});

it('exits 2 on a missing or malformed baseline and on conflicting options', () => {
  expect(run(['--baseline', 'nope.json', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the baseline') });
  writeFileSync(path.join(dir, 'bad.json'), '{"findings": 3}');
  expect(run(['--baseline', 'bad.json', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not an agent-sandbox-lint baseline') });
  writeFileSync(path.join(dir, 'bad2.json'), '{');
  expect(run(['--baseline', 'bad2.json', '.'], dir).code).toBe(2);
  expect(run(['--baseline', 'a.json', '--write-baseline', 'b.json', '.'], dir).code).toBe(2);
});
