/** Throwaway projects for tests: write files into a fresh folder, then lint or model it. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint, type LintRun } from '../../src/lint.js';
import { defaultConfig, type Config } from '../../src/config.js';
import { discover } from '../../src/discover.js';
import { loadProject } from '../../src/load.js';
import type { ProjectModel } from '../../src/model/project.js';

export type Files = Record<string, string | Buffer>;

/** Every regular file below `dir`, as absolute paths, in directory order. */
export function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(abs, out);
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

export function writeFiles(dir: string, files: Files): string {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A scratch folder for one test file, removed after it; each `project` is a fresh subfolder. */
export function useScratch(prefix: string) {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const project = (files: Files): string => writeFiles(mkdtempSync(path.join(root, 'p-')), files);
  return {
    get root() {
      return root;
    },
    project,
    /** Lints a fresh project with the default config (adjusted by `config`), from inside it. */
    async lint(files: Files, config: Partial<Config> = {}): Promise<LintRun> {
      const dir = project(files);
      return lint({ paths: ['.'], cwd: dir, config: { ...defaultConfig(dir), ...config }, inlineSuppressions: true, today: new Date('2026-11-24') });
    },
    async model(files: Files): Promise<ProjectModel> {
      const dir = project(files);
      const { candidates } = await discover(['.'], dir);
      return loadProject(candidates, { cwd: dir, roots: [dir], maxFileSize: 1 << 20 });
    },
  };
}
