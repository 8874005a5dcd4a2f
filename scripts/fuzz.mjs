#!/usr/bin/env node
// npm run fuzz -- [--seed N] [--runs N]
// The long fuzz run: test/fuzz.test.ts's whole-pipeline property (random bytes under every recognised name, mutated
// fixtures) for --runs cases (default 100,000) from --seed (default: random, printed), plus the worst cases at full
// size. On a failure fast-check prints the seed, the path and the shrunk counterexample: rerun with that seed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string', default: '100000' } } });
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = values.runs;
console.log(`fuzz: seed ${seed}, ${runs} cases`);
const r = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', 'test/fuzz.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-warnings` } },
);
console.log(`fuzz: seed ${seed}, ${runs} cases: ${r.status === 0 ? 'no crash, hang or lost file' : `FAILED (exit ${r.status})`}`);
process.exit(r.status ?? 1);
