#!/usr/bin/env node
// npm run bench [-- --sizes 100,1000,10000 --runs 5 --peers --keep]
// Benchmarks the built CLI (dist/cli.js) on a generated corpus. Method: bench/README.md.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.mjs';
import { bundle } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    cli: { type: 'string' },
    sizes: { type: 'string', default: '100,1000,10000' },
    runs: { type: 'string', default: '5' },
    peers: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
// --cli: another build of the CLI (e.g. a patched copy), to measure a proposed change against dist/.
const CLI = path.resolve(values.cli ?? path.join(root, 'dist', 'cli.js'));
const sizes = values.sizes.split(',').map(Number);
const RUNS = Number(values.runs);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'asl-bench-'));
// The CLI's code cache (src/launch.ts) lives in the bench's own folder: the warm-up run of each measurement
// fills it, as a user's first run does, whatever the machine's ~/.cache holds.
const ENV = { XDG_CACHE_HOME: path.join(work, 'cache'), AGENT_SANDBOX_LINT_NO_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '' };
const NO_CACHE = { AGENT_SANDBOX_LINT_NO_CACHE: '1' };
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One run of a command: wall seconds (hrtime around the spawn) and peak RSS in MB (GNU time's %M, when present). */
function measureOnce(cmd, args, cwd, env = {}) {
  const options = { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26, env: { ...process.env, ...ENV, ...env } };
  const t0 = process.hrtime.bigint();
  const r = TIME ? spawnSync(TIME, ['-f', '__RSS %M', cmd, ...args], options) : spawnSync(cmd, args, options);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__RSS (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(0, 2000)}`);
  return { wall, rssMb: m ? Number(m[1]) / 1024 : NaN };
}

/** Medians over `runs` runs, after one warm-up run (page cache, not V8: every run is a fresh process). */
function measure(cmd, args, cwd, runs = RUNS, env = {}) {
  measureOnce(cmd, args, cwd, env);
  const all = Array.from({ length: runs }, () => measureOnce(cmd, args, cwd, env));
  return { wall: median(all.map((r) => r.wall)), rssMb: median(all.map((r) => r.rssMb)), runs };
}

const fmt = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const mb = (x) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(0)} MB`);
const report = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), runs: RUNS, startup: {}, sizes: [], peers: [] };

console.log(`agent-sandbox-lint bench: node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model}), load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`medians of ${RUNS} runs after a warm-up; peak RSS ${TIME ? 'from /usr/bin/time %M' : 'not measured (no /usr/bin/time)'}\n`);

// The parse-only floor: the same discover + read + parse code, bundled like the CLI, without the model, rules and report.
const floorJs = path.join(work, 'floor', 'parse-only.js');
await bundle(path.join(root, 'bench', 'parse-only.ts'), floorJs);

// --- start-up: bare node, --version, a 3-file repo and a 10-file repo ---
{
  const small = path.join(work, 'small3');
  mkdirSync(path.join(small, '.devcontainer'), { recursive: true });
  writeFileSync(path.join(small, '.devcontainer', 'devcontainer.json'), '{ "dockerComposeFile": "compose.yaml", "service": "agent" }\n');
  writeFileSync(path.join(small, '.devcontainer', 'compose.yaml'), 'services:\n  agent:\n    build: { context: ., dockerfile: Dockerfile }\n    cap_drop: [ALL]\n');
  writeFileSync(path.join(small, '.devcontainer', 'Dockerfile'), 'FROM node:20-slim\nUSER node\n');
  const ten = path.join(work, 'small10');
  generateCorpus(ten, 10, 7);
  const runs = Math.max(RUNS, 10);
  const base = measure(process.execPath, ['-e', '0'], work, runs);
  const rows = [
    ['node -e 0', base],
    ['--version', measure(process.execPath, [CLI, '--version'], work, runs)],
    ['3-file repo', measure(process.execPath, [CLI, '-f', 'json', '.'], small, runs)],
    ['10-file repo (with scripts)', measure(process.execPath, [CLI, '-f', 'json', '.'], ten, runs)],
    ['--version, no code cache', measure(process.execPath, [CLI, '--version'], work, runs, NO_CACHE)],
    ['10-file repo, no code cache', measure(process.execPath, [CLI, '-f', 'json', '.'], ten, runs, NO_CACHE)],
  ];
  console.log('start-up (medians of %d runs)', runs);
  for (const [name, r] of rows) {
    console.log(`  ${name.padEnd(28)} ${fmt(r.wall).padStart(8)}  ${(r.wall / base.wall).toFixed(2)}x node -e 0   peak RSS ${mb(r.rssMb)}`);
    report.startup[name] = { ...r, vsNode: r.wall / base.wall };
  }
  console.log();
}

// --- corpus sizes ---
const corpora = {};
for (const n of sizes) {
  const dir = path.join(work, `corpus-${n}`);
  const files = generateCorpus(dir, n, 1);
  corpora[n] = { dir, files };
  const runs = n >= 10000 ? Math.min(RUNS, 3) : RUNS;
  const full = measure(process.execPath, [CLI, '-f', 'json', '.'], dir, runs);
  const sarif = measure(process.execPath, [CLI, '-f', 'sarif', '.'], dir, runs);
  const floor = measure(process.execPath, [floorJs, 'floor', dir], dir, runs);
  const phases = JSON.parse(execFileSync(process.execPath, [path.join(work, 'floor', 'parse-only.js'), 'phases', dir], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const row = { files: files.all, runs, full, sarif, floor, ratio: full.wall / floor.wall, filesPerSec: files.all / full.wall, phases };
  report.sizes.push(row);
  console.log(`${n} files (${runs} runs)`);
  console.log(`  full run (json)    ${fmt(full.wall).padStart(8)}  ${row.filesPerSec.toFixed(0).padStart(6)} files/s  peak RSS ${mb(full.rssMb)}`);
  console.log(`  full run (sarif)   ${fmt(sarif.wall).padStart(8)}  ${(files.all / sarif.wall).toFixed(0).padStart(6)} files/s  peak RSS ${mb(sarif.rssMb)}`);
  console.log(`  parse-only floor   ${fmt(floor.wall).padStart(8)}  ${(files.all / floor.wall).toFixed(0).padStart(6)} files/s  peak RSS ${mb(floor.rssMb)}`);
  console.log(`  full / floor       ${row.ratio.toFixed(2)}x`);
  console.log(`  one in-process run: discover ${fmt(phases.discoverMs / 1000)}, read+parse+model+rules ${fmt(phases.lintMs / 1000)}, json report ${fmt(phases.reportMs / 1000)}`);
  const posture = phases.postureJudgeMs + phases.postureBuildMs;
  const whole = phases.discoverMs + phases.lintMs + phases.reportMs;
  console.log(`  posture (${phases.environments} environments): build ${fmt(phases.postureBuildMs / 1000)} + judge ${fmt(phases.postureJudgeMs / 1000)} = ${((100 * posture) / whole).toFixed(1)}% of that run (the json report includes one judge)\n`);
}

// --- peers: dclint on the compose files, dockerfilelint on the Dockerfiles ---
if (values.peers) {
  const scratch = path.join(os.tmpdir(), 'asl-bench-peers');
  const bin = (name) => path.join(scratch, 'node_modules', '.bin', name);
  if (!existsSync(bin('dclint')) || !existsSync(bin('dockerfilelint'))) {
    mkdirSync(scratch, { recursive: true });
    writeFileSync(path.join(scratch, 'package.json'), '{ "private": true }\n');
    console.log(`installing dclint and dockerfilelint into ${scratch} ...`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', 'dclint@3', 'dockerfilelint@1'], { cwd: scratch, stdio: 'inherit' });
  }
  const only = (n, kind) => {
    const src = corpora[n];
    const dir = path.join(work, `${kind}-${n}`);
    for (const abs of src.files[kind]) {
      const dest = path.join(dir, path.relative(src.dir, abs));
      mkdirSync(path.dirname(dest), { recursive: true });
      cpSync(abs, dest);
    }
    return { dir, rels: src.files[kind].map((abs) => path.relative(src.dir, abs)), count: src.files[kind].length };
  };
  // dclint costs ~50 ms per file: the 10,000-file corpus would take minutes per run.
  const peerSizes = sizes.filter((n) => n <= 1000);
  for (const n of peerSizes) {
    for (const [kind, peer, args] of [
      ['compose', 'dclint', (t) => ['-r', '.']],
      ['dockerfile', 'dockerfilelint', (t) => t.rels],
    ]) {
      const t = only(n, kind);
      const runs = Math.min(RUNS, 3);
      const ours = measure(process.execPath, [CLI, '-f', 'json', '.'], t.dir, runs);
      const theirs = measure(bin(peer), args(t), t.dir, runs);
      const row = { corpus: n, kind, files: t.count, peer, ours, theirs, ratio: theirs.wall / ours.wall };
      report.peers.push(row);
      console.log(`${kind} files of the ${n}-file corpus (${t.count} files, ${runs} runs)`);
      console.log(`  agent-sandbox-lint ${fmt(ours.wall).padStart(8)}  ${((ours.wall / t.count) * 1000).toFixed(2)} ms/file  peak RSS ${mb(ours.rssMb)}`);
      console.log(`  ${peer.padEnd(18)} ${fmt(theirs.wall).padStart(8)}  ${((theirs.wall / t.count) * 1000).toFixed(2)} ms/file  peak RSS ${mb(theirs.rssMb)}`);
      console.log(`  ${peer} / agent-sandbox-lint: ${row.ratio.toFixed(2)}x\n`);
    }
  }
}

if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
if (values.keep) console.log(`corpora kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
