/** One lint run, from paths to a LintResult: discover → parse → model → rules → filter. */
import path from 'node:path';
import { discover } from './discover.js';
import { loadProject } from './load.js';
import { runRules } from './engine.js';
import { pathMatcher, type Config } from './config.js';
import { RULES } from './rule-registry.generated.js';
import type { LintResult } from './result.js';

export interface LintOptions {
  paths: string[];
  cwd: string;
  config: Config;
  inlineSuppressions: boolean;
  today?: Date;
  /** Progress while files are read (the CLI shows it on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

export interface LintRun extends LintResult {
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

export async function lint(opts: LintOptions): Promise<LintRun> {
  const { candidates, missing } = await discover(opts.paths, opts.cwd);
  const ignored = pathMatcher(opts.config, opts.config.ignorePaths);
  const kept = opts.config.ignorePaths.length ? candidates.filter((c) => !ignored(c.abs)) : candidates;
  const roots = [opts.cwd, ...opts.paths.map((p) => path.resolve(opts.cwd, p))];
  const model = await loadProject(kept, { cwd: opts.cwd, roots, maxFileSize: opts.config.maxFileSize, onProgress: opts.onProgress });
  const findings = runRules(model, RULES, { config: opts.config, cwd: opts.cwd, inlineSuppressions: opts.inlineSuppressions, today: opts.today });
  return {
    findings,
    files: model.files.map((f) => ({ file: f.file, kind: f.kind })),
    rules: [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1)),
    sources: new Map(model.files.map((f) => [f.file, f.index.text])),
    missing,
  };
}

export { RULES };
