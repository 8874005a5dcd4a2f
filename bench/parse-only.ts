/**
 * Bench-only entry (bundled by bench/run.mjs like the CLI): the floor a full run cannot go below.
 *   node parse-only.js floor <dir>   discover + read + parse every file once, no model, no rules, no report
 *   node parse-only.js phases <dir>  the full pipeline, timed per phase (discover, load = read+parse+model, rules+report)
 * Prints one JSON line.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { discover } from '../src/discover.js';
import { TextIndex } from '../src/parse/text-index.js';
import { parseJsonc } from '../src/parse/jsonc.js';
import { parseYaml } from '../src/parse/yaml.js';
import { parseDockerfile } from '../src/parse/dockerfile.js';
import { loadShellParser, parseShell } from '../src/parse/shell.js';
import { parseToml } from '../src/parse/toml.js';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { formatJson } from '../src/report/json.js';
import { loadProject } from '../src/load.js';
import { runRules } from '../src/engine.js';
import { RULES } from '../src/rule-registry.generated.js';
import { resolvePolicyScopes } from '../src/model/agent-policy.js';
import { buildEnvironments } from '../src/posture/environments.js';
import { resultPostures } from '../src/posture/posture.js';
import type { FileKind } from '../src/types.js';

function parseOne(kind: FileKind, index: TextIndex): void {
  switch (kind) {
    case 'devcontainer':
    case 'claude-settings':
    case 'mcp':
      parseJsonc(index, { strict: kind !== 'devcontainer' });
      return;
    case 'compose':
      parseYaml(index);
      return;
    case 'dockerfile':
      parseDockerfile(index);
      return;
    case 'shell':
      parseShell(index);
      return;
    case 'codex-config':
      parseToml(index);
      return;
  }
}

async function floor(dir: string) {
  const t0 = performance.now();
  const { candidates } = await discover(['.'], dir);
  const t1 = performance.now();
  if (candidates.some((c) => c.kind === 'shell')) await loadShellParser();
  let failed = 0;
  // Read all, then parse: the same shape as the pipeline (reads overlap, parsing is synchronous).
  await Promise.all(
    candidates.map(async (c) => {
      const text = (await readFile(c.abs)).toString('utf8');
      try {
        parseOne(c.kind, new TextIndex(c.abs, text));
      } catch {
        failed++;
      }
    }),
  );
  const t2 = performance.now();
  return { mode: 'floor', files: candidates.length, failed, discoverMs: t1 - t0, readParseMs: t2 - t1, totalMs: t2 - t0 };
}

async function phases(dir: string) {
  const t0 = performance.now();
  const { candidates } = await discover(['.'], dir);
  const t1 = performance.now();
  const run = await lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
  const t2 = performance.now();
  const out = formatJson(run);
  const t3 = performance.now();
  // The posture's two costs, apart: judging the run's environments (in every report), and building them (in each
  // shard, timed here on the scan as one model).
  resultPostures(run);
  const t4 = performance.now();
  // As a shard does it: the environments are built after the rules, whose judgements (which container is an
  // agent's, the CI agent steps) they reuse.
  const model = await loadProject(candidates, { cwd: dir, roots: [dir], maxFileSize: 1 << 20 });
  model.options = { hardening: 'agent-containers' };
  resolvePolicyScopes(model);
  runRules(model, RULES, { config: defaultConfig(dir), cwd: dir, inlineSuppressions: true });
  const t5 = performance.now();
  const environments = buildEnvironments(model).length;
  const t6 = performance.now();
  return {
    mode: 'phases', files: candidates.length, findings: run.findings.length, discoverMs: t1 - t0, lintMs: t2 - t1, reportMs: t3 - t2, bytes: out.length,
    environments, postureJudgeMs: t4 - t3, postureBuildMs: t6 - t5,
  };
}

const [mode, dir] = process.argv.slice(2);
const result = mode === 'phases' ? await phases(dir) : await floor(dir);
process.stdout.write(`${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS })}\n`);
