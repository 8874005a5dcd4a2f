/**
 * Reads and parses every candidate once, follows the references between files (a devcontainer's
 * Dockerfile and compose files, a compose build's Dockerfile), and builds the model.
 * A file that cannot be read or parsed becomes a problem; the others go on.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileKind } from './types.js';
import type { Candidate } from './discover.js';
import { insideRoot } from './discover.js';
import { TextIndex, fileStart } from './parse/text-index.js';
import { ParseFailure, type ParseProblem } from './parse/result.js';
import { parseJsonc } from './parse/jsonc.js';
import { parseYaml } from './parse/yaml.js';
import { parseDockerfile } from './parse/dockerfile.js';
import { loadShellParser, parseShell } from './parse/shell.js';
import { get, isMap } from './parse/tree.js';
import { buildDockerfilePath } from './model/compose.js';
import { devcontainerReferences } from './model/devcontainer.js';
import { buildModel, type ProjectModel, type SourceFile } from './model/project.js';

export interface LoadOptions {
  cwd: string;
  /** Folders a referenced file may be read from (the scanned roots and the working directory). */
  roots: string[];
  maxFileSize: number;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

export async function loadProject(candidates: Candidate[], opts: LoadOptions): Promise<ProjectModel> {
  const problems: ParseProblem[] = [];
  const files = new Map<string, SourceFile>();
  const notCompose = new Set<string>();

  if (candidates.some((c) => c.kind === 'shell')) await loadShellParser();

  const load = async (abs: string, kind: FileKind, related: boolean): Promise<void> => {
    if (files.has(abs) || notCompose.has(abs)) return;
    const file = displayPath(abs, opts.cwd);
    const text = await readText(abs, file, opts.maxFileSize, problems);
    if (text === undefined) return;
    const src: SourceFile = { file, abs, kind, index: new TextIndex(file, text), related };
    try {
      if (kind === 'shell') await loadShellParser();
      parseInto(src);
    } catch (e) {
      // Whatever a parser throws on hostile input (a stack overflow, a WASM trap) is that file's problem, not the run's.
      problems.push(e instanceof ParseFailure ? e.problem : { message: `The parser failed on this file (${e instanceof Error ? e.message : String(e)}), so it was not checked`, loc: fileStart(file) });
      files.set(abs, src);
      return;
    }
    // A file named like a compose file is one only when its top level has `services`.
    if (kind === 'compose' && !related && !isMap(get(src.tree, 'services'))) {
      notCompose.add(abs);
      return;
    }
    if (src.shell?.problem) problems.push(src.shell.problem);
    if (src.dockerfile) problems.push(...src.dockerfile.problems);
    files.set(abs, src);
  };

  await Promise.all(candidates.map((c) => load(c.abs, c.kind, false)));

  // Follow references until nothing new appears: devcontainer → compose → Dockerfile.
  for (let round = 0; round < 3; round++) {
    const wanted: { abs: string; kind: FileKind }[] = [];
    for (const f of files.values()) wanted.push(...references(f));
    const fresh = wanted.filter((w) => !files.has(w.abs) && !notCompose.has(w.abs));
    if (fresh.length === 0) break;
    await Promise.all(
      fresh.map(async (w) => {
        if (!(await allowedReference(w.abs, opts.roots))) return;
        await load(w.abs, w.kind, true);
      }),
    );
  }

  const ordered = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return buildModel(ordered, problems);
}

function parseInto(src: SourceFile): void {
  switch (src.kind) {
    case 'devcontainer':
    case 'claude-settings':
    case 'mcp':
      src.tree = parseJsonc(src.index, { strict: src.kind !== 'devcontainer' });
      return;
    case 'compose':
      src.tree = parseYaml(src.index);
      return;
    case 'dockerfile':
      src.dockerfile = parseDockerfile(src.file, src.index.text);
      return;
    case 'shell':
      src.shell = parseShell(src.index);
      return;
    case 'codex-config':
      // TOML is read by the agent-policy rules (a later milestone); for now the file is only listed.
      return;
  }
}

async function readText(abs: string, file: string, maxSize: number, problems: ParseProblem[]): Promise<string | undefined> {
  try {
    const st = await stat(abs);
    if (st.size > maxSize) {
      problems.push({ message: `The file is ${st.size} bytes, over the ${maxSize}-byte limit (maxFileSize), so it was not checked`, loc: fileStart(file) });
      return undefined;
    }
    const buf = await readFile(abs);
    if (buf.includes(0)) {
      problems.push({ message: 'The file contains NUL bytes (is it binary?), so it was not checked', loc: fileStart(file) });
      return undefined;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    problems.push({ message: `The file could not be read (${code}), so it was not checked`, loc: fileStart(file) });
    return undefined;
  }
}

function references(f: SourceFile): { abs: string; kind: FileKind }[] {
  if (!f.tree) return [];
  if (f.kind === 'devcontainer') {
    const refs = devcontainerReferences(f.tree, f.abs);
    return [
      ...refs.dockerfiles.map((abs) => ({ abs, kind: 'dockerfile' as const })),
      ...refs.composeFiles.map((abs) => ({ abs, kind: 'compose' as const })),
    ];
  }
  if (f.kind === 'compose') {
    const services = get(f.tree, 'services');
    if (!isMap(services)) return [];
    return services.entries.flatMap((s) => {
      const build = get(s.value, 'build');
      const abs = build ? buildDockerfilePath(build, f.abs) : undefined;
      return abs ? [{ abs, kind: 'dockerfile' as const }] : [];
    });
  }
  return [];
}

async function allowedReference(abs: string, roots: string[]): Promise<boolean> {
  for (const r of roots) if (await insideRoot(abs, r)) return true;
  return false;
}
