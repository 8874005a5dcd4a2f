import { defineRule } from '../src/rule.js';
import { hardeningApplies } from '../src/model/agent-container.js';
import picomatch from 'picomatch';
import { isDotenv } from '../src/model/host-paths.js';

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
  tags: ['security', 'container', 'secrets', 'CWE-538'],
  docs: `A \`.env\` file is mounted into the container, passed with \`env_file\` / \`--env-file\`, or copied into an image with \`COPY\`/\`ADD\`, including \`COPY . .\` when no \`.dockerignore\` (beside the Dockerfile, or \`<Dockerfile>.dockerignore\`) excludes \`.env\`. Example files (\`.env.example\`, \`.env.sample\`, \`.env.template\`) do not fire.

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
    for (const l of model.launches) {
      for (const f of hardeningApplies(model, l) ? l.envFiles : []) {
        if (isDotenv(f.value)) report(f.loc, `${l.name} loads ${f.value} into the container's environment: every secret in it is readable by the agent and anything it runs. Pass only the variables the agent needs.`);
      }
      for (const m of l.mounts) {
        if (m.source && m.type === 'bind' && isDotenv(m.source)) report(m.loc, `${l.name} mounts ${m.source} into the container: the agent can read every secret in it. Remove the mount and pass only the variables the agent needs.`);
      }
    }
    for (const d of model.dockerfiles) {
      for (const c of d.copies) {
        for (const s of c.sources) {
          if (isDotenv(s.value)) report(s.loc, `${c.keyword} ${s.value} bakes a .env file into the image, where every secret in it stays in a layer anyone with the image can read. Pass secrets at run time (or with a build secret mount) and add .env to .dockerignore.`);
          else if (/^\.\/?$|^\*$/.test(s.value) && !c.flags.has('from') && !ignoresDotenv(d.dockerignore)) {
            report(s.loc, `${c.keyword} ${s.value} copies the whole build context, and ${d.dockerignore ? 'its .dockerignore does not exclude .env' : 'there is no .dockerignore'}: a developer's local .env (ignored by git, present on disk) ends up in the image. Add .env and .env.* to .dockerignore.`);
          }
        }
      }
    }
  },
});
