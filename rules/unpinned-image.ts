import { defineRule } from '../src/rule.js';
import type { Located } from '../src/types.js';
import type { DockerfileDoc } from '../src/parse/dockerfile.js';

type Pinning = 'digest' | 'tag' | 'latest' | 'none';

export function imagePinning(ref: string): Pinning {
  if (/@sha256:[0-9a-f]{64}$/i.test(ref)) return 'digest';
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon < 0) return 'none';
  return last.slice(colon + 1) === 'latest' ? 'latest' : 'tag';
}

/**
 * Images a Dockerfile pulls: FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`, with `${ARG}` replaced by
 * the ARG's default; stage names, stage indexes and `scratch` are not images.
 */
function pulledImages(d: DockerfileDoc): { img: Located<string>; how: string }[] {
  const args = new Map(d.env.filter((e) => e.keyword === 'ARG' && e.value !== null).map((e) => [e.name, e.value!]));
  const resolve = (v: string) => v.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => args.get(name) ?? m);
  const stages = new Set<string>();
  const out: { img: Located<string>; how: string }[] = [];
  for (const s of d.stages) {
    const value = resolve(s.image.value);
    if (!stages.has(value.toLowerCase()) && value.toLowerCase() !== 'scratch') out.push({ img: { value, loc: s.image.loc }, how: 'FROM' });
    if (s.name) stages.add(s.name.toLowerCase());
  }
  for (const p of d.pulled) {
    const value = resolve(p.value);
    // A bare name may be a build context given with `--build-context name=…`, which the scan cannot see: only a
    // reference that is plainly an image (a registry path, a tag or a digest) is judged.
    if (!stages.has(value.toLowerCase()) && /[/:@]/.test(value)) out.push({ img: { value, loc: p.loc }, how: 'COPY --from / RUN --mount from' });
  }
  return out;
}

export default defineRule({
  id: 'unpinned-image',
  title: 'Container image not pinned',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'supply-chain',
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `An image is referenced without a tag or with \`:latest\` (a warning), or with a tag but no digest (a note), in a Dockerfile \`FROM\`, \`COPY --from=<image>\` or \`RUN --mount=…,from=<image>\`, a compose \`image\`, a devcontainer \`image\` or a \`docker run\` line. Images from variables that cannot be resolved are skipped; \`FROM\` with an \`ARG\` uses the ARG's default. Images the project builds itself (compose \`build\` + \`image\`, \`docker build -t NAME\` in a scanned script, a name matching a Dockerfile beside the launch) are local and never reported.

A bare \`--from=name\` with no registry, tag or digest may be a build context (\`docker build --build-context name=…\`) and is not judged. 0.2: \`COPY --from\` and \`RUN --mount from=\` images are judged (they pull an image as much as FROM does), and local images are no longer reported (issue 10: both were seen in real Dockerfiles and wrapper scripts).

## Why it matters
A tag is a pointer the registry owner can move: whatever is pushed under it next is what your agent's sandbox runs, with your mounts and your API key. A digest names exactly one image.

## How to fix
Before:
\`\`\`dockerfile
FROM node
\`\`\`
After:
\`\`\`dockerfile
FROM node:20-slim@sha256:<digest>
\`\`\`
Get the digest with \`docker buildx imagetools inspect node:20-slim\`, and let Dependabot or Renovate keep it current.`,
  check(model, report) {
    const check = (img: Located<string>, where: string) => {
      const ref = img.value.trim();
      if (!ref || ref.includes('$')) return;
      const p = imagePinning(ref);
      if (p === 'digest') return;
      if (p === 'tag') {
        report(img.loc, `${where} uses ${ref}, a tag without a digest: the registry can move the tag to a different image. Pin it as ${ref}@sha256:<digest>.`, { severity: 'note' });
      } else {
        report(img.loc, `${where} uses ${ref}${p === 'none' ? ' with no tag (that is :latest)' : ''}: whatever is pushed next runs in your agent's sandbox. Pin a version and a digest (${ref.replace(/:latest$/, '')}:<version>@sha256:<digest>).`);
      }
    };
    for (const l of model.launches) if (l.image && !l.build && !l.localImage) check(l.image, l.name);
    for (const d of model.dockerfiles) for (const { img, how } of pulledImages(d)) check(img, how);
  },
});
