#!/usr/bin/env node

// src/launch.ts
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { isMainThread } from "node:worker_threads";
v8.setFlagsFromString("--liftoff-only");
var program = fileURLToPath(new URL("./cli.cjs", import.meta.url));
var cacheFile = cachePath();
var cachedData = cacheFile ? readCache(cacheFile) : void 0;
var script = new vm.Script(Module.wrap(readFileSync(program, "utf8")), { filename: program, cachedData });
if (cacheFile && isMainThread && (!cachedData || script.cachedDataRejected)) {
  process.once("exit", () => writeCache(cacheFile, script));
}
var module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(program), module, program, path.dirname(program));
function cachePath() {
  const env = process.env;
  if (env.AGENT_SANDBOX_LINT_NO_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return void 0;
  const base = env.XDG_CACHE_HOME || process.platform === "win32" && env.LOCALAPPDATA || (os.homedir() ? path.join(os.homedir(), ".cache") : void 0);
  if (!base) return void 0;
  return path.join(base, "agent-sandbox-lint", `${"979ed236e2b29bd9"}-v8-${process.versions.v8}-${process.arch}.bin`);
}
function readCache(file) {
  try {
    const st = statSync(file);
    if (process.platform !== "win32" && (process.getuid && st.uid !== process.getuid() || st.mode & 18)) return void 0;
    return readFileSync(file);
  } catch {
    return void 0;
  }
}
function writeCache(file, compiled) {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 448 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, compiled.createCachedData(), { mode: 384 });
    renameSync(tmp, file);
  } catch {
  }
}
