import { defineRule } from '../src/rule.js';
import { hardeningApplies } from '../src/model/agent-container.js';
import picomatch from 'picomatch';
import { isDotenv, isExampleEnv } from '../src/model/host-paths.js';
import type { DockerfileDoc } from '../src/parse/dockerfile.js';

/** `COPY .env* ./`, `COPY *.env /app/`: a glob that takes `.env` along. */
function dotenvGlob(source: string): boolean {
  const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
  return /[*?[]/.test(base) && (picomatch(base, { dot: true })('.env') || picomatch(base, { dot: true })('.env.local'));
}

/** dockerignore semantics: the last pattern that matches decides; `!` re-includes. */
function ignoresDotenv(patterns: string[] | undefined): boolean {
  let ignored = false;
  for (const raw of patterns ?? []) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+/, '');
    if (picomatch(pattern, { dot: true })('.env') || picomatch(`${pattern}/**`, { dot: true })('.env')) ignored = !negate;
  }
  return ignored;
}

export default defineRule({
  id: 'dotenv-exposure',
  title: '.env file exposed to the container',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  dimension: 'credentials',
  opens: true,
  tags: ['security', 'container', 'secrets', 'CWE-538'],
  docs: `A \`.env\` file is mounted into the container, passed with \`env_file\` / \`--env-file\`, or copied into an image with \`COPY\`/\`ADD\`, including a glob that takes it along (\`COPY .env* ./\`) and \`COPY . .\` when no \`.dockerignore\` of the build context (\`<Dockerfile>.dockerignore\`, else the context's \`.dockerignore\`; the context is the compose or devcontainer \`context\`, by default the Dockerfile's folder) excludes \`.env\`. An env file counts by use: whatever it is called, a file given to \`env_file\` or \`--env-file\` is one (only on an agent's container, see the README). Example files (\`.env.example\`, \`.env.sample\`, \`.env.template\`) do not fire.

\`COPY . .\` is a warning when a \`.env\` exists in the build context on disk (only its name is looked at) or the project passes one to the container, and a note otherwise: then it is a trap for a developer's local file, not a leak yet (0.2, issue 10: on real Dockerfiles without any \`.env\` the warning was noise).

## Why it matters
\`.env\` files hold database passwords and API keys. Passed to an agent's container they become environment variables any command can print; copied into an image they stay in its layers for anyone who pulls it.

## How to fix
Pass only the variables the agent needs, one by one, and keep \`.env\` out of build contexts with \`.dockerignore\`.

Before:
\`\`\`yaml
env_file: .env
\`\`\`
After:
\`\`\`yaml
environment:
  - ANTHROPIC_API_KEY
\`\`\``,
  check(model, report) {
    const named = new Set<DockerfileDoc>();
    for (const l of model.launches) {
      if (l.dockerfile && [...l.envFiles.map((f) => f.value), ...l.mounts.map((m) => m.source ?? '')].some(isDotenv)) named.add(l.dockerfile);
      for (const f of hardeningApplies(model, l) ? l.envFiles : []) {
        // Whatever it is called, a file passed as an env file is one (`--env-file secrets.list`), unless it is an example.
        if (!isExampleEnv(f.value)) report(f.loc, `${l.name} loads ${f.value} into the container's environment: every secret in it is readable by the agent and anything it runs. Pass only the variables the agent needs.`);
      }
      for (const m of l.mounts) {
        if (m.source && m.type === 'bind' && isDotenv(m.source)) report(m.loc, `${l.name} mounts ${m.source} into the container: the agent can read every secret in it. Remove the mount and pass only the variables the agent needs.`);
      }
    }
    for (const d of model.dockerfiles) {
      for (const c of d.copies) {
        for (const s of c.sources) {
          if (isDotenv(s.value) || dotenvGlob(s.value)) report(s.loc, `${c.keyword} ${s.value} bakes a .env file into the image, where every secret in it stays in a layer anyone with the image can read. Pass secrets at run time (or with a build secret mount) and add .env to .dockerignore.`);
          else if (/^\.\/?$|^\*$/.test(s.value) && !c.flags.has('from') && !ignoresDotenv(d.dockerignore)) {
            const known = d.dotenvInContext || named.has(d);
            const why = d.dockerignore ? 'its .dockerignore does not exclude .env' : 'there is no .dockerignore';
            report(s.loc, known
              ? `${c.keyword} ${s.value} copies the whole build context, and ${why}: the .env ${d.dotenvInContext ? 'in that folder' : 'this project uses'} ends up in the image. Add .env and .env.* to .dockerignore.`
              : `${c.keyword} ${s.value} copies the whole build context, and ${why}: a developer's local .env (ignored by git, present on disk) would end up in the image. Add .env and .env.* to .dockerignore.`, known ? undefined : { severity: 'note' });
          }
        }
      }
    }
  },
});
