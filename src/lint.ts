/** One lint run, from paths to a LintResult: discover → parse → model → rules → filter. */
import os from 'node:os';
import path from 'node:path';
import { discover, type Candidate } from './discover.js';
import { loadProject } from './load.js';
import { runRules, sortFindings } from './engine.js';
import { pathMatcher, scopeOverrides, type Config } from './config.js';
import { resolvePolicyScopes } from './model/agent-policy.js';
import { RULES } from './rule-registry.generated.js';
import { planShards } from './shard.js';
import { lintShards, type ShardResult } from './parallel.js';
import type { LintResult } from './result.js';
import { buildEnvironments } from './posture/environments.js';
import { PROFILES } from './posture/profiles.js';

export interface LintOptions {
  paths: string[];
  cwd: string;
  config: Config;
  inlineSuppressions: boolean;
  today?: Date;
  /** Threads for a large scan (`--concurrency`): a number, or `auto` (half the cores, at most 4). Default `auto`. */
  concurrency?: number | 'auto';
  /** Files per shard (tests set it low to shard a small tree). */
  shardSize?: number;
  /** Progress while files are read (the CLI shows it on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

export interface LintRun extends LintResult {
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/** What a shard needs besides its files; plain data, so it can be sent to a worker. */
export interface ShardOptions {
  cwd: string;
  roots: string[];
  config: Config;
  inlineSuppressions: boolean;
  today?: Date;
}

const MAX_THREADS = 4;

/**
 * `auto`: half the cores, at most 4. Each thread's V8 keeps about one more core busy compiling and collecting
 * garbage (one thread on 10,000 files: 5.1 s of CPU in 4.0 s), so on 2 cores a second thread only slowed the
 * run down (1,000 files: 0.80 s alone, 0.95 s with a worker).
 */
function autoThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(os.availableParallelism() / 2)));
}

export async function lint(opts: LintOptions): Promise<LintRun> {
  const { candidates, missing } = await discover(opts.paths, opts.cwd);
  const ignored = pathMatcher(opts.config, opts.config.ignorePaths);
  const kept = opts.config.ignorePaths.length ? candidates.filter((c) => !ignored(c.abs)) : candidates;
  const roots = [opts.cwd, ...opts.paths.map((p) => path.resolve(opts.cwd, p))];
  const shardOpts: ShardOptions = { cwd: opts.cwd, roots, config: opts.config, inlineSuppressions: opts.inlineSuppressions, today: opts.today };
  const shards = planShards(kept, opts.cwd, opts.shardSize);
  let result: ShardResult;
  if (shards.length === 1) {
    result = await lintShard(kept, shardOpts, opts.onProgress);
  } else {
    let done = 0;
    const threads = opts.concurrency === 'auto' || opts.concurrency === undefined ? autoThreads() : opts.concurrency;
    result = await lintShards(shards, shardOpts, threads, (c, o) => lintShard(c, o), (n) => opts.onProgress?.((done += n), kept.length));
    sortFindings(result.findings);
  }
  return {
    findings: result.findings,
    files: result.files,
    rules: [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1)),
    sources: result.sources,
    environments: result.environments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    profile: PROFILES[opts.config.profile],
    missing,
  };
}

/** Read, parse, model and check one set of files as one project. */
export async function lintShard(candidates: Candidate[], opts: ShardOptions, onProgress?: (done: number, total: number) => void): Promise<ShardResult> {
  const model = await loadProject(candidates, { cwd: opts.cwd, roots: opts.roots, maxFileSize: opts.config.maxFileSize, onProgress });
  model.options = { hardening: opts.config.hardening };
  // Which settings are the user's own: from the config, then from folders a launcher mounts as ~/.claude.
  resolvePolicyScopes(model, scopeOverrides(opts.config, opts.cwd));
  const findings = runRules(model, RULES, { config: opts.config, cwd: opts.cwd, inlineSuppressions: opts.inlineSuppressions, today: opts.today });
  return {
    findings,
    files: model.files.map((f) => ({ file: f.file, kind: f.kind })),
    sources: new Map(model.files.map((f) => [f.file, f.index.text])),
    environments: buildEnvironments(model),
    loaded: model.read,
  };
}

export { RULES };
