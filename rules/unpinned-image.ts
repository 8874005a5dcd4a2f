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

/** FROM images, with `${ARG}` replaced by the ARG's default; stage names and `scratch` are not images. */
function fromImages(d: DockerfileDoc): Located<string>[] {
  const args = new Map(d.env.filter((e) => e.keyword === 'ARG' && e.value !== null).map((e) => [e.name, e.value!]));
  const stages = new Set<string>();
  const out: Located<string>[] = [];
  for (const s of d.stages) {
    const value = s.image.value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => args.get(name) ?? m);
    if (!stages.has(value.toLowerCase()) && value.toLowerCase() !== 'scratch') out.push({ value, loc: s.image.loc });
    if (s.name) stages.add(s.name.toLowerCase());
  }
  return out;
}

export default defineRule({
  id: 'unpinned-image',
  title: 'Container image not pinned',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `An image is referenced without a tag or with \`:latest\` (a warning), or with a tag but no digest (a note), in a Dockerfile \`FROM\`, a compose \`image\`, a devcontainer \`image\` or a \`docker run\` line. Images from variables that cannot be resolved are skipped; \`FROM\` with an \`ARG\` uses the ARG's default.

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
    for (const d of model.dockerfiles) for (const img of fromImages(d)) check(img, 'FROM');
  },
});
