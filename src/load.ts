/**
 * Reads and parses every candidate once, follows the references between files (a devcontainer's
 * Dockerfile and compose files, a compose build's Dockerfile), and builds the model.
 * A file that cannot be read or parsed becomes a problem; the others go on.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileKind } from './types.js';
import type { Candidate } from './discover.js';
import { insideRoot } from './discover.js';
import { mapLimit, OPEN_LIMIT } from './concurrency.js';
import { TextIndex, fileStart } from './parse/text-index.js';
import { ParseFailure, type ParseProblem } from './parse/result.js';
import { parseJsonc } from './parse/jsonc.js';
import { parseYaml } from './parse/yaml.js';
import { parseToml } from './parse/toml.js';
import { parseFrontmatter } from './parse/frontmatter.js';
import { parseDotenv } from './parse/dotenv.js';
import { parseDockerfile, type DockerfileDoc } from './parse/dockerfile.js';
import { loadShellParser, parseShell } from './parse/shell.js';
import { get, isMap } from './parse/tree.js';
import { buildDockerfilePath } from './model/compose.js';
import { devcontainerReferences } from './model/devcontainer.js';
import { buildModel, type ProjectModel, type SourceFile } from './model/project.js';
import { buildCommands, needsShellParser } from './model/command.js';
import { commandReferences, resolveLocalImages } from './model/local-images.js';

export interface LoadOptions {
  cwd: string;
  /** Folders a referenced file may be read from (the scanned roots and the working directory). */
  roots: string[];
  maxFileSize: number;
  /** Called after each file named by discovery is read and parsed (`done` of `total`); referenced files are not counted. */
  onProgress?: (done: number, total: number) => void;
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

export async function loadProject(candidates: Candidate[], opts: LoadOptions): Promise<ProjectModel> {
  const problems: ParseProblem[] = [];
  const files = new Map<string, SourceFile>();


  const attempted = new Set<string>();
  const load = async (abs: string, kind: FileKind, related: boolean): Promise<void> => {
    if (attempted.has(abs)) return;
    attempted.add(abs);
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
    if (kind === 'compose' && !related && !isMap(get(src.tree, 'services'))) return;
    if (src.shell?.problem) problems.push(src.shell.problem);
    if (src.dockerfile) problems.push(...src.dockerfile.problems);
    files.set(abs, src);
  };

  let done = 0;
  await mapLimit(candidates, OPEN_LIMIT, async (c) => {
    await load(c.abs, c.kind, false);
    opts.onProgress?.(++done, candidates.length);
  });

  const followReferences = async (): Promise<void> => {
    // Follow references until nothing new appears: devcontainer → compose → Dockerfile.
    for (let round = 0; round < 3; round++) {
      const wanted: Reference[] = [];
      for (const f of files.values()) wanted.push(...references(f));
      const fresh = wanted.filter((w) => !attempted.has(w.abs));
      if (fresh.length === 0) break;
      await Promise.all(
        fresh.map(async (w) => {
          if (!(await allowedReference(w.abs, opts.roots))) return;
          await load(w.abs, w.kind, true);
        }),
      );
    }

    // A Dockerfile built from a context elsewhere (compose `context: ..`) reads that context's .dockerignore.
    for (const f of files.values()) {
      for (const r of references(f)) {
        const doc = files.get(r.abs)?.dockerfile;
        if (doc && r.context && contextInside(r.context, opts.roots)) {
          doc.dockerignore = readDockerignore(r.abs, r.context);
          doc.dotenvInContext = dotenvIn(r.context);
        }
      }
    }
  };
  await followReferences();

  const build = async (): Promise<ProjectModel> => {
    const ordered = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const model = buildModel(ordered, problems);
    // The WASM shell parser loads only when something is in shell form (a script, a RUN line, a command string).
    if (needsShellParser(model)) await loadShellParser();
    model.commands = buildCommands(model);
    return model;
  };
  let model = await build();
  // Files the commands name (`docker compose -f stack.yml`, `docker build -f agent.Dockerfile`) are read as
  // those kinds, and the model is built again with them (only when there are such files).
  const named = commandReferences(model).filter((r) => !attempted.has(r.abs));
  if (named.length) {
    let added = false;
    for (const r of named) {
      if (!statSync(r.abs, { throwIfNoEntry: false })?.isFile() || !(await allowedReference(r.abs, opts.roots))) {
        attempted.add(r.abs);
        continue;
      }
      await load(r.abs, r.kind, true);
      added ||= files.has(r.abs);
    }
    if (added) {
      await followReferences();
      model = await build();
    }
  }
  model.read = [...attempted];
  resolveLocalImages(model, opts.cwd);
  return model;
}

function parseInto(src: SourceFile): void {
  switch (src.kind) {
    case 'devcontainer':
    case 'claude-settings':
    case 'mcp':
    case 'vscode-settings':
      // VS Code's settings.json and mcp.json are JSONC, like devcontainer.json; Claude Code's files are strict JSON.
      src.tree = parseJsonc(src.index, { strict: src.kind === 'claude-settings' || (src.kind === 'mcp' && path.basename(src.file) === '.mcp.json') });
      return;
    case 'compose':
      src.tree = parseYaml(src.index);
      src.composeVars = readComposeEnv(path.dirname(src.abs));
      return;
    case 'dockerfile':
      src.dockerfile = parseDockerfile(src.index);
      src.dockerfile.dockerignore = readDockerignore(src.abs);
      src.dockerfile.dotenvInContext = dotenvIn(path.dirname(src.abs));
      readCopiedSudoers(src.abs, src.dockerfile);
      return;
    case 'shell':
      src.shell = parseShell(src.index);
      return;
    case 'codex-config':
      src.tree = parseToml(src.index);
      return;
    case 'claude-agent':
    case 'claude-skill': {
      const fm = parseFrontmatter(src.index);
      src.tree = fm.tree;
      src.bodyStart = fm.bodyStart;
      return;
    }
    case 'claude-plugin':
    case 'gemini-settings':
    case 'cursor-cli':
    case 'cursor-environment':
    case 'opencode':
    case 'amp-settings':
    case 'zed-settings':
      // These tools read JSON with comments (Gemini, OpenCode's .jsonc, Zed) or plain JSON; comments are accepted.
      src.tree = parseJsonc(src.index);
      return;
    case 'gemini-env':
      src.tree = parseDotenv(src.index);
      return;
    case 'aider-config':
    case 'workflow':
      src.tree = parseYaml(src.index);
      return;
  }
}

/**
 * `COPY sudoers /etc/sudoers.d/agent`: the copied file decides what sudo allows, so read it from the build
 * context (taken as the Dockerfile's folder) when it is a small file there.
 */
function readCopiedSudoers(dockerfileAbs: string, doc: DockerfileDoc): void {
  const dir = path.dirname(dockerfileAbs);
  for (const c of doc.copies) {
    if (!/sudoers/.test(c.dest) || c.flags.has('from')) continue;
    for (const s of c.sources) {
      const text = readSmallInside(path.resolve(dir, s.value), dir);
      if (text !== undefined) (c.sudoers ??= []).push({ source: s, text });
    }
  }
}

/** BuildKit reads `<Dockerfile>.dockerignore` first, then `.dockerignore` at the root of the build context (by default the Dockerfile's folder). */
function readDockerignore(dockerfileAbs: string, context = path.dirname(dockerfileAbs)): string[] | undefined {
  for (const p of [`${dockerfileAbs}.dockerignore`, path.join(context, '.dockerignore')]) {
    const text = readSmallInside(p, path.dirname(p));
    if (text !== undefined) return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  }
  return undefined;
}

/**
 * The `.env` beside a compose file, as Compose reads it for interpolation (`NAME=value`, quotes, `export`, comments).
 * Only used to resolve build paths; its values are never reported.
 */
function readComposeEnv(dir: string): ReadonlyMap<string, string> | undefined {
  const text = readSmallInside(path.join(dir, '.env'), dir);
  if (text === undefined) return undefined;
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const raw = m[2];
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    vars.set(m[1], quoted ? quoted[2] : raw.replace(/\s+#.*$/, ''));
  }
  return vars;
}

/** A `.env` on disk in the build context (untracked files count: `COPY . .` copies what is there). Only its name is looked at. */
function dotenvIn(context: string): boolean {
  return !!statSync(path.join(context, '.env'), { throwIfNoEntry: false });
}

/** A build context folder inside one of the roots (after resolving links): only there is its .dockerignore read. */
function contextInside(dir: string, roots: string[]): boolean {
  try {
    const real = realpathSync(dir);
    return roots.some((r) => {
      const rel = path.relative(realpathSync(r), real);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    });
  } catch {
    return false;
  }
}

/** A small side file (a .dockerignore, a copied sudoers file), only when it really lives inside `dir`: links out are not followed. */
function readSmallInside(abs: string, dir: string): string | undefined {
  try {
    // Most Dockerfiles have no .dockerignore beside them: ask without the cost of a thrown ENOENT.
    if (!statSync(abs, { throwIfNoEntry: false })) return undefined;
    const real = realpathSync(abs);
    const rel = path.relative(realpathSync(dir), real);
    if (rel.startsWith('..') || path.isAbsolute(rel) || statSync(real).size > 64 * 1024) return undefined;
    return readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * One open, one fstat, one read, synchronously: for thousands of small files the promise API's per-call
 * overhead cost more than the reads (10,000 files: ~1 s of stat alone). O_NONBLOCK keeps a FIFO from
 * blocking the open; anything but a regular file is reported.
 */
async function readText(abs: string, file: string, maxSize: number, problems: ParseProblem[]): Promise<string | undefined> {
  let fd: number | undefined;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      problems.push({ message: 'This is not a regular file, so it was not checked', loc: fileStart(file) });
      return undefined;
    }
    if (st.size > maxSize) {
      problems.push({ message: `The file is ${st.size} bytes, over the ${maxSize}-byte limit (maxFileSize), so it was not checked`, loc: fileStart(file) });
      return undefined;
    }
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const r = readSync(fd, buf, n, st.size - n, n);
      if (r === 0) break;
      n += r;
    }
    const bytes = buf.subarray(0, n);
    if (bytes.includes(0)) {
      problems.push({ message: 'The file contains NUL bytes (is it binary?), so it was not checked', loc: fileStart(file) });
      return undefined;
    }
    const text = UTF8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    problems.push({ message: `The file could not be read (${code}), so it was not checked`, loc: fileStart(file) });
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

interface Reference {
  abs: string;
  kind: FileKind;
  /** For a Dockerfile: the build context it is built from. */
  context?: string;
}

function references(f: SourceFile): Reference[] {
  if (!f.tree) return [];
  if (f.kind === 'devcontainer') {
    const refs = devcontainerReferences(f.tree, f.abs);
    return [
      ...refs.dockerfiles.map((d) => ({ abs: d.abs, kind: 'dockerfile' as const, context: d.context })),
      ...refs.composeFiles.map((abs) => ({ abs, kind: 'compose' as const })),
    ];
  }
  if (f.kind === 'compose') {
    const services = get(f.tree, 'services');
    if (!isMap(services)) return [];
    return services.entries.flatMap((s) => {
      const build = get(s.value, 'build');
      const d = build ? buildDockerfilePath(build, f.abs, f.composeVars) : undefined;
      return d ? [{ abs: d.abs, kind: 'dockerfile' as const, context: d.context }] : [];
    });
  }
  return [];
}

async function allowedReference(abs: string, roots: string[]): Promise<boolean> {
  for (const r of roots) if (await insideRoot(abs, r, realRoot(r))) return true;
  return false;
}

const realRoots = new Map<string, string | undefined>();

/** A root's real path, resolved once per process (every reference is checked against the same roots). */
function realRoot(root: string): string | undefined {
  if (!realRoots.has(root)) {
    try {
      realRoots.set(root, realpathSync.native(root));
    } catch {
      realRoots.set(root, undefined);
    }
  }
  return realRoots.get(root);
}
