/**
 * Runs a composite action's steps locally the way a runner does (shared/anchors/integration.md §4.5): inputs from
 * defaults and overrides, `${{ inputs.* }}` / `${{ steps.*.outputs.* }}` substituted, each `run:` step written to a
 * file and run with `bash --noprofile --norc -eo pipefail`, the GITHUB_* variables set, `uses:` steps recorded with
 * their resolved `with:` but not run. Only the expressions action.yml uses are supported; anything else throws.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

interface StepDef {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionDef {
  inputs?: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs?: Record<string, { value: string; description: string }>;
  runs: { using: string; steps: StepDef[] };
}

export interface StepRun {
  id: string;
  skipped: boolean;
  uses?: string;
  with?: Record<string, string>;
  status?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface ActionRun {
  /** The job's view: 0 when every step succeeded, else the failing step's exit status. */
  status: number;
  steps: StepRun[];
  outputs: Record<string, string>;
  /** Everything the steps printed, in order (annotations are stdout lines starting with `::`). */
  stdout: string;
  summary: string;
}

export function loadAction(file: string): ActionDef {
  return YAML.parse(readFileSync(file, 'utf8')) as ActionDef;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/**
 * @param actionDir folder holding action.yml (GITHUB_ACTION_PATH)
 * @param workspace the checked-out repository (GITHUB_WORKSPACE, the steps' working directory)
 */
export function runComposite(actionDir: string, workspace: string, overrides: Record<string, string> = {}): ActionRun {
  const action = loadAction(path.join(actionDir, 'action.yml'));
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs ?? {})) inputs[k] = v.default ?? '';
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in inputs)) throw new Error(`unknown input ${k}`);
    inputs[k] = v;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'asl-runner-'));
  const summaryFile = path.join(tmp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const stepOutputs: Record<string, Record<string, string>> = {};

  const value = (e: string): string => {
    let m;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
      if (!(m[1] in inputs)) throw new Error(`undeclared input ${m[1]}`);
      return inputs[m[1]];
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return stepOutputs[m[1]]?.[m[2]] ?? '';
    if (e === 'github.workspace') return workspace;
    throw new Error(`unsupported expression: ${e}`);
  };
  const expand = (s: string): string => String(s).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => value(e));
  /** `if:` with `a == 'b'` / `a != 'b'`, or a bare value; a failed earlier step skips the rest (success()). */
  const condition = (s: string | undefined): boolean => {
    if (s === undefined) return true;
    const e = s.replace(/^\$\{\{\s*/, '').replace(/\s*\}\}$/, '');
    const m = /^(\S+)\s*(==|!=)\s*'([^']*)'$/.exec(e);
    if (m) return (value(m[1]) === m[3]) === (m[2] === '==');
    throw new Error(`unsupported if: ${s}`);
  };

  const steps: StepRun[] = [];
  let status = 0;
  let stdout = '';
  for (const [i, step] of action.runs.steps.entries()) {
    const id = step.id ?? `__step${i}`;
    if (status !== 0 || !condition(step.if)) {
      steps.push({ id, skipped: true, uses: step.uses, stdout: '', stderr: '', outputs: {} });
      continue;
    }
    if (step.uses) {
      const resolved = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v)]));
      steps.push({ id, skipped: false, uses: step.uses, with: resolved, status: 0, stdout: '', stderr: '', outputs: {} });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${id}: only shell: bash is supported`);
    const outFile = path.join(tmp, `output-${i}`);
    const script = path.join(tmp, `step-${i}.sh`);
    writeFileSync(outFile, '');
    writeFileSync(script, expand(step.run ?? ''));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outFile,
      GITHUB_ENV: path.join(tmp, 'env'),
      GITHUB_PATH: path.join(tmp, 'path'),
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: tmp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    stepOutputs[id] = parseOutputs(readFileSync(outFile, 'utf8'));
    steps.push({ id, skipped: false, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs: stepOutputs[id] });
    stdout += r.stdout;
    if (r.status !== 0) status = r.status ?? -1;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([k, v]) => [k, expand(v.value)]));
  return { status, steps, outputs, stdout, summary: readFileSync(summaryFile, 'utf8') };
}
