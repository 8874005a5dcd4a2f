/**
 * Linting shards (shard.ts) one after another or on several threads, and putting the results together as if
 * the scan had been one model. Workers run the same bundle (dist/cli.js) and claim shards from a shared counter,
 * so a slow shard never holds up the others; the main thread claims shards too.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import type { Finding, FileKind } from './types.js';
import type { Environment } from './posture/environments.js';

/** What one shard produced; plain data, so it crosses threads as is. */
export interface ShardResult {
  findings: Finding[];
  files: { file: string; kind: FileKind }[];
  sources: Map<string, string>;
  /** The agent environments of the shard's files. */
  environments: Environment[];
  /** Absolute paths of every file the shard read, the referenced ones included. */
  loaded: string[];
}

export type LintShard<O> = (candidates: Candidate[], opts: O) => Promise<ShardResult>;

const WORKER_FLAG = 'agentSandboxLintShardWorker';

interface WorkerInput<O> {
  [WORKER_FLAG]: true;
  shards: Candidate[][];
  opts: O;
  /** Int32Array[0]: the next shard to claim. */
  counter: SharedArrayBuffer;
}

type WorkerMessage = { index: number; result: ShardResult };

let workerEntry: string | URL | undefined;

/** The script workers run: the built CLI sets itself; from the sources (tests) there is none and shards run in turn. */
export function setWorkerEntry(entry: string | URL): void {
  workerEntry = entry;
}

/** Inside a worker started by runShards: the input, else undefined. */
export function shardWorkerInput<O>(): WorkerInput<O> | undefined {
  if (isMainThread || !parentPort) return undefined;
  const input = workerData as Partial<WorkerInput<O>> | undefined;
  return input?.[WORKER_FLAG] ? (input as WorkerInput<O>) : undefined;
}

/** The worker's loop: claim a shard, lint it, send the result; ends when none is left. */
export async function serveShards<O>(input: WorkerInput<O>, lintShard: LintShard<O>): Promise<void> {
  const next = new Int32Array(input.counter);
  for (let i = Atomics.add(next, 0, 1); i < input.shards.length; i = Atomics.add(next, 0, 1)) {
    const message: WorkerMessage = { index: i, result: await lintShard(input.shards[i], input.opts) };
    parentPort!.postMessage(message);
  }
}

/**
 * Lints every shard, with up to `threads` threads, and merges shards whose files turned out to refer to each
 * other (one file read by two shards) until none do: the merged result is the one-model result.
 */
export async function lintShards<O>(shards: Candidate[][], opts: O, threads: number, lintShard: LintShard<O>, onShard?: (files: number) => void): Promise<ShardResult> {
  let groups = shards.map((candidates) => ({ candidates, result: undefined as ShardResult | undefined }));
  for (;;) {
    const todo = groups.filter((g) => !g.result);
    const results = await runShards(todo.map((g) => g.candidates), opts, threads, lintShard, onShard);
    todo.forEach((g, i) => (g.result = results[i]));
    const merged = mergeOverlapping(groups.map((g) => g.result!.loaded));
    if (merged.every((m) => m.length === 1)) return combine(groups.map((g) => g.result!));
    groups = merged.map((members) =>
      members.length === 1 ? groups[members[0]] : { candidates: members.flatMap((m) => groups[m].candidates), result: undefined },
    );
  }
}

/** Groups of shard indexes that read a common file (union-find), in the order of their first member. */
function mergeOverlapping(loaded: string[][]): number[][] {
  const parent = loaded.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  loaded.forEach((files, i) => {
    for (const f of files) {
      const o = owner.get(f);
      if (o === undefined) owner.set(f, i);
      else parent[find(i)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  loaded.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}

function combine(results: ShardResult[]): ShardResult {
  const out: ShardResult = { findings: [], files: [], sources: new Map(), environments: [], loaded: [] };
  for (const r of results) {
    out.findings.push(...r.findings);
    out.environments.push(...r.environments);
    out.files.push(...r.files);
    for (const [k, v] of r.sources) out.sources.set(k, v);
    out.loaded.push(...r.loaded);
  }
  out.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

async function runShards<O>(shards: Candidate[][], opts: O, threads: number, lintShard: LintShard<O>, onShard?: (files: number) => void): Promise<ShardResult[]> {
  const results = new Array<ShardResult | undefined>(shards.length);
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const workers = workerEntry && shards.length > 1 ? Math.min(threads, shards.length) - 1 : 0;
  const input: WorkerInput<O> = { [WORKER_FLAG]: true, shards, opts, counter };
  const finished = Array.from({ length: workers }, () => {
    const w = new Worker(workerEntry!, { workerData: input });
    return new Promise<void>((resolve) => {
      w.on('message', (m: WorkerMessage) => {
        results[m.index] = m.result;
        onShard?.(shards[m.index].length);
      });
      // A worker that fails leaves its shard without a result: the main thread lints it below, and reports
      // the error itself if it happens again.
      w.on('error', () => undefined);
      w.on('exit', () => resolve());
    });
  });
  for (let i = Atomics.add(next, 0, 1); i < shards.length; i = Atomics.add(next, 0, 1)) {
    results[i] = await lintShard(shards[i], opts);
    onShard?.(shards[i].length);
  }
  await Promise.all(finished);
  for (let i = 0; i < shards.length; i++) {
    if (results[i]) continue;
    results[i] = await lintShard(shards[i], opts);
    onShard?.(shards[i].length);
  }
  return results as ShardResult[];
}
