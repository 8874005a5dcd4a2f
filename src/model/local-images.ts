/**
 * Images the project builds itself. A launch that runs one is judged with that Dockerfile (its final USER, the
 * agent it installs) and its image is local, never "unpinned". Names come from compose services with both
 * `build` and `image`, from `docker build -t NAME [-f FILE] CONTEXT` in the scanned commands, and from an
 * un-namespaced name that matches a Dockerfile of the repository (`claude-box` ↔ `claude-box/Dockerfile`,
 * `Dockerfile.claude-box`, `claude-box.Dockerfile`).
 */
import path from 'node:path';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import type { ShellWord } from '../parse/shell.js';
import type { Command } from './command.js';
import type { ProjectModel } from './project.js';
import { basename, unwrap } from './argv.js';
import { anchorDir } from '../shard.js';

const ENGINES = new Set(['docker', 'podman', 'nerdctl', 'buildah']);
const BUILD_VALUE_FLAGS = new Set([
  '--build-arg', '--target', '--platform', '--label', '--cache-from', '--cache-to', '--secret', '--ssh', '--output', '-o', '--network',
  '--progress', '--iidfile', '--add-host', '--build-context', '--shm-size', '--ulimit', '--metadata-file', '--builder', '--attest',
  '--annotation', '--allow', '--cgroup-parent', '--isolation', '--memory', '-m', '--cpu-shares', '-c', '--sbom', '--provenance',
]);

/** Folders that say nothing about the image built there (`docker/Dockerfile` does not make `docker:dind` local). */
const GENERIC_DIRS = new Set(['.', 'docker', 'build', 'builds', 'ci', 'deploy', 'dockerfiles', 'containers', 'container', 'images', 'image', 'dev', '.devcontainer', 'src', 'scripts', 'tools', 'infra']);

/** `name:tag@digest` → `name` (lower case), the part two references to one local image share. */
export function imageName(ref: string): string {
  const noDigest = ref.trim().replace(/@.*$/, '');
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  // `localhost/claude` is how podman and buildah name a local `claude` image.
  return (colon > slash ? noDigest.slice(0, colon) : noDigest).toLowerCase().replace(/^(?:docker\.io\/|localhost\/)?(?:library\/)?/, '');
}

interface BuildCommand {
  tags: string[];
  file?: string;
  context?: string;
}

/** `docker build -t a -t b -f x/Dockerfile ctx`, `docker buildx build`, `podman build`, `docker image build`. */
export function dockerBuild(words: ShellWord[]): BuildCommand | undefined {
  const w = unwrap(words);
  if (!ENGINES.has(basename(w[0]?.text ?? ''))) return undefined;
  let i = 1;
  if (w[i]?.text === 'buildx' || w[i]?.text === 'image') i++;
  if (w[i]?.text !== 'build' && !(basename(w[0].text) === 'buildah' && w[i]?.text === 'bud')) return undefined;
  const out: BuildCommand = { tags: [] };
  for (i++; i < w.length; i++) {
    const t = w[i].text;
    const eq = t.indexOf('=');
    const [flag, inline] = t.startsWith('--') && eq > 0 ? [t.slice(0, eq), t.slice(eq + 1)] : [t, undefined];
    const value = () => inline ?? w[++i]?.text;
    if (flag === '-t' || flag === '--tag') out.tags.push(value() ?? '');
    else if (flag === '-f' || flag === '--file') out.file = value();
    else if (BUILD_VALUE_FLAGS.has(flag)) value();
    else if (t.startsWith('-') && t !== '-') continue;
    else out.context = t;
  }
  return out;
}

/**
 * Files the scanned commands name by a flag: `docker compose -f X` (compose), `docker build -f X` (Dockerfile).
 * A relative path is taken from the script's folder, where wrappers that `cd "$(dirname "$0")"` run.
 */
export function commandReferences(model: ProjectModel): { abs: string; kind: 'compose' | 'dockerfile'; from: string }[] {
  const absOf = new Map(model.files.map((f) => [f.file, f.abs]));
  const out: { abs: string; kind: 'compose' | 'dockerfile'; from: string }[] = [];
  for (const c of model.commands) {
    const fileAbs = absOf.get(c.loc.file);
    if (!fileAbs) continue;
    const dir = path.dirname(fileAbs);
    const b = dockerBuild(c.words);
    if (b?.file && !b.file.includes('$')) out.push({ abs: path.resolve(dir, b.file), kind: 'dockerfile', from: c.loc.file });
    for (const f of composeFiles(c.words)) out.push({ abs: path.resolve(dir, f), kind: 'compose', from: c.loc.file });
  }
  return out;
}

/** The `-f`/`--file` values of `docker compose …` / `docker-compose …`. */
function composeFiles(words: ShellWord[]): string[] {
  const w = unwrap(words);
  const prog = basename(w[0]?.text ?? '');
  const start = prog === 'docker-compose' || prog === 'podman-compose' ? 1 : ENGINES.has(prog) && w[1]?.text === 'compose' ? 2 : -1;
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start; i < w.length; i++) {
    const t = w[i].text;
    const inline = /^--file=(.+)$/.exec(t);
    if (inline) out.push(inline[1]);
    else if ((t === '-f' || t === '--file') && w[i + 1]) out.push(w[++i].text);
  }
  return out.filter((f) => !f.includes('$') && f !== '-');
}

/**
 * Links launches that run a locally built image to its Dockerfile; commands the image starts get the launch.
 * A name links only within one project folder (shard.ts's anchorDir), and the un-namespaced guess only to
 * Dockerfiles at fixed places beside the launch, so the result never depends on how a large scan is split;
 * every place looked at is recorded as read, which keeps a launch and its Dockerfile in one shard.
 */
export function resolveLocalImages(model: ProjectModel, cwd: string): void {
  const byFile = new Map(model.dockerfiles.map((d) => [d.file, d]));
  const kindOf = new Map(model.files.map((f) => [f.file, f.kind]));
  const unit = (file: string) => anchorDir(file, kindOf.get(file) ?? 'shell');
  const absOf = (file: string) => path.resolve(cwd, file);
  const names = new Map<string, DockerfileDoc>();
  const key = (file: string, image: string) => `${unit(file)}\0${imageName(image)}`;
  for (const l of model.launches) if (l.build && l.image && l.dockerfile) names.set(key(l.anchor.file, l.image.value), l.dockerfile);
  // A script that builds an image and names the compose file that runs it (`docker compose -f deploy/stack.yml`)
  // links the two folders: that file was read because of the script, so both are always in one shard.
  const fileOf = new Map(model.files.map((f) => [f.abs, f.file]));
  const alsoFor = new Map<string, string[]>();
  for (const r of commandReferences(model)) {
    const named = fileOf.get(r.abs);
    if (named) alsoFor.set(r.from, [...(alsoFor.get(r.from) ?? []), named]);
  }
  for (const c of model.commands) {
    const b = dockerBuild(c.words);
    if (!b || b.tags.length === 0) continue;
    const candidates = builtDockerfileCandidates(b, c);
    model.read.push(...candidates.map(absOf));
    const d = candidates.map((p) => byFile.get(p)).find(Boolean);
    if (!d) continue;
    for (const t of b.tags) if (!t.includes('$')) for (const f of [c.loc.file, ...(alsoFor.get(c.loc.file) ?? [])]) names.set(key(f, t), d);
  }
  for (const l of model.launches) {
    if (l.dockerfile || !l.image || l.image.value.includes('$')) continue;
    let d = names.get(key(l.anchor.file, l.image.value));
    if (!d && !imageName(l.image.value).includes('/')) {
      const candidates = besideCandidates(l.anchor.file, imageName(l.image.value));
      model.read.push(...candidates.map(absOf));
      d = candidates.map((p) => byFile.get(p)).find(Boolean);
    }
    if (!d) continue;
    l.dockerfile = d;
    l.localImage = true;
    for (const c of model.commands) if (c.dockerfile === d && c.context === 'container' && !c.launch) c.launch = l;
  }
}

/** Where an un-namespaced image name is looked for: `<name>/Dockerfile`, `Dockerfile.<name>`, `<name>.Dockerfile`, beside the file or one folder up. */
function besideCandidates(file: string, name: string): string[] {
  if (GENERIC_DIRS.has(name) || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) return [];
  const here = path.posix.dirname(file);
  return [here, path.posix.dirname(here)].flatMap((dir) => [`${name}/Dockerfile`, `${name}/Containerfile`, `Dockerfile.${name}`, `Containerfile.${name}`, `${name}.Dockerfile`].map((f) => path.posix.normalize(path.posix.join(dir, f))));
}

/** The Dockerfile a build may use: `-f` (relative to where the command runs, else to the context), else `<context>/Dockerfile`. */
function builtDockerfileCandidates(b: BuildCommand, c: Command): string[] {
  const here = path.posix.dirname(c.loc.file);
  // `$(dirname "$0")`, `$SCRIPT_DIR`, `$PROJECT_ROOT`: the script's own folder, or the one above it (a script in
  // `scripts/` or `bin/` building the repository), which is what wrappers mean by them.
  const contexts = !b.context || b.context.includes('$') ? (b.context ? ['.', '..'] : ['.']) : [b.context];
  const raw = contexts.flatMap((ctx) =>
    b.file && !b.file.includes('$')
      ? [path.posix.join(here, b.file), path.posix.join(here, ctx, b.file)]
      : ['Dockerfile', 'Containerfile'].map((f) => path.posix.join(here, ctx, f)),
  );
  return [...new Set(raw.map((p) => path.posix.normalize(p)))];
}
