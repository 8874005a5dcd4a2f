/**
 * dist/cli.js: starts the program (dist/cli.cjs) through V8's code cache. Compiling the 1.4 MB bundle and the
 * functions a run uses costs ~40 ms on every start, a third of a small run (pre-commit runs us on every
 * commit). The first run on a machine compiles as usual and leaves the compiled code in the user's cache folder;
 * later runs of the same build on the same Node read it back. What is cached is our own code, never anything
 * from a scanned repository. Opt out with AGENT_SANDBOX_LINT_NO_CACHE=1 (or Node's NODE_DISABLE_COMPILE_CACHE).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

declare const __PROGRAM_HASH__: string;

// V8 refuses a cache made under other flags: the flag the shell parser sets is set first, every time.
v8.setFlagsFromString('--liftoff-only');

const program = fileURLToPath(new URL('./cli.cjs', import.meta.url));
const cacheFile = cachePath();
const cachedData = cacheFile ? readCache(cacheFile) : undefined;
const script = new vm.Script(Module.wrap(readFileSync(program, 'utf8')), { filename: program, cachedData });
if (cacheFile && isMainThread && (!cachedData || script.cachedDataRejected)) {
  // At exit the cache also holds every function the run compiled, not only the top level.
  process.once('exit', () => writeCache(cacheFile, script));
}
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(program), module, program, path.dirname(program));

function cachePath(): string | undefined {
  const env = process.env;
  if (env.AGENT_SANDBOX_LINT_NO_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' && env.LOCALAPPDATA) || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  if (!base) return undefined;
  return path.join(base, 'agent-sandbox-lint', `${__PROGRAM_HASH__}-v8-${process.versions.v8}-${process.arch}.bin`);
}

/** Only a cache file of this user that nobody else may write is used (POSIX; Windows keeps it in the user's profile). */
function readCache(file: string): Buffer | undefined {
  try {
    const st = statSync(file);
    if (process.platform !== 'win32' && ((process.getuid && st.uid !== process.getuid()) || st.mode & 0o022)) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed into place); any failure only means no cache. */
function writeCache(file: string, compiled: vm.Script): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, compiled.createCachedData(), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only home, a full disk: the next run compiles again.
  }
}
