import { defineRule } from '../src/rule.js';
import type { DockerEnv, DockerfileDoc } from '../src/parse/dockerfile.js';
import { localServiceImage, secretIn, secretShapedName } from '../src/model/secrets.js';
import { baseImage, credentialFile, inBuiltImage, landingPath, stageAt } from '../src/model/credential-files.js';

/** `$NAME`, `${NAME}`, `${NAME:-x}` in a Dockerfile value: the variables it reads. */
function references(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

/** A RUN after `arg`, in its stage, that reads it: a build argument a RUN step sees is recorded in `docker history`. */
function runReading(d: DockerfileDoc, arg: DockerEnv) {
  const stage = stageAt(d, arg.loc);
  const reads = new RegExp(`\\$\\{?${arg.name.replace(/[^\w]/g, '\\$&')}(?![A-Za-z0-9_])`);
  return d.commands.find((c) => c.keyword === 'RUN' && c.loc.start.line > arg.loc.start.line && stageAt(d, c.loc) === stage && reads.test(c.value));
}

export default defineRule({
  id: 'secret-in-image',
  title: 'Credential baked into an image layer',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'credentials',
  tags: ['security', 'container', 'secrets', 'CWE-538'],
  docs: `A Dockerfile puts a credential into the image it builds, where every layer is readable by anyone who has the image, and by the agent that runs in it:
- \`ENV NAME=$NAME\` or \`ENV NAME=\${NAME}\` for a secret-named variable (\`*_TOKEN\`, \`*_SECRET\`, \`*_PASSWORD\`, \`*_API_KEY\`, \`*_PAT\`, \`*_CREDENTIALS\` …), or any \`ENV\` whose value reads a secret-named build argument: the value is stored in the image's config (\`docker inspect\` prints it);
- \`ENV\`, \`ARG\` or \`LABEL\` with a literal secret (a known token shape, or a real-looking value for a secret-named variable): it is in the image and in the repository;
- \`ARG NAME\` for a secret-named build argument that a later \`RUN\` reads (a warning): \`docker history\` records the build arguments each \`RUN\` step saw;
- \`COPY\`/\`ADD\` of a credential file: the Claude Code login (\`.claude.json\`, \`.claude/.credentials.json\`), the Codex login (\`.codex/auth.json\`), the Gemini CLI's \`oauth_creds.json\`, \`.git-credentials\`, \`.netrc\`, \`.pypirc\`, \`.aws/credentials\`, \`.docker/config.json\`, \`.kube/config\`, \`gh/hosts.yml\`, \`.vault-token\`, \`.ssh\`, \`.gnupg\`, \`id_*\` SSH keys, private keys (\`*.pem\`/\`*.key\` named as keys, \`*.p12\`, \`*.pfx\`) and service-account JSON, by the source's name or by where it lands (\`COPY creds /root/.aws/credentials\`). A copied \`.npmrc\` is a note: whether it holds a token is in the file, not its name.

Only the stages that make up the built image count: a secret used in a builder stage whose files are copied out is not in the final image (a literal one is still reported by \`secret-in-config\`, since it is in the repository). \`.env\` files are \`dotenv-exposure\`'s. The local-service exceptions of \`secret-in-config\` apply here too (\`FROM postgres\` with \`ENV POSTGRES_PASSWORD=postgres\` is a note; placeholders are quiet). The message shows only the first characters of a literal.

0.2: new. Literal secrets in the \`ENV\`/\`ARG\`/\`LABEL\` of the built image moved here from \`secret-in-config\`, so each is reported once, under the rule that says where it ends up.

## Why it matters
Image layers are not private: whoever can pull the image (a registry, a CI cache, a colleague) can read every file and variable in it, even a file a later \`RUN rm\` deletes, since the \`COPY\` layer keeps it. Inside the container the agent reads them too, one prompt injection away from sending them out.

## How to fix
Rotate any credential that was in a pushed image. Then give the build what it needs as a build secret, which never enters a layer, and the container what it needs at run time.

Before:
\`\`\`dockerfile
ARG NPM_TOKEN
ENV NPM_TOKEN=$NPM_TOKEN
COPY .claude.json /home/node/.claude.json
RUN npm ci
\`\`\`
After:
\`\`\`dockerfile
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
# sign in at run time instead: docker run -v ~/.claude:/home/node/.claude:ro …
\`\`\`
Build with \`docker build --secret id=npm_token,env=NPM_TOKEN .\`.`,
  check(model, report) {
    for (const d of model.dockerfiles) {
      const service = localServiceImage(baseImage(d));
      // What each name is by the time an instruction reads it, per stage (a build argument is declared in each stage that uses it).
      const declared = new Map<string, DockerEnv['keyword']>();
      const key = (e: DockerEnv, name = e.name) => `${stageAt(d, e.loc)}:${name}`;
      const copiedToEnv = new Set<string>();
      const reportedArgs = new Set<DockerEnv>();
      const judge = (e: DockerEnv): void => {
        if (e.value === null || !inBuiltImage(d, e.loc)) return;
        const hit = secretIn(e.name, e.value, { service });
        if (hit) {
          reportedArgs.add(e);
          if (hit.devDefault) {
            report(e.valueLoc, `${e.keyword} ${e.name} is ${hit.devDefault} (${hit.masked}), written into the image. Fine for a database only your machine reaches, but everyone with the repository or the image knows it: set it at run time before the service is exposed.`, { severity: 'note', redact: true });
          } else {
            report(e.valueLoc, `${e.keyword} ${e.name} holds ${hit.what} (${hit.masked}): it is in the repository and in the image, where anyone who pulls it (and the agent inside it) can read it. Rotate it, then pass it at run time, or as a build secret (RUN --mount=type=secret) if the build needs it.`, { redact: true });
          }
          return;
        }
        if (e.keyword === 'ARG') return;
        // Only a build argument is baked here: a variable an earlier ENV set is judged where it was set, and an unset one is empty.
        const args = references(e.value).filter((r) => declared.get(key(e, r)) === 'ARG');
        const secretArg = args.find(secretShapedName) ?? (secretShapedName(e.name) ? args[0] : undefined);
        if (!secretArg) return;
        copiedToEnv.add(secretArg);
        report(e.valueLoc, `${e.keyword} ${e.name} copies the build argument ${secretArg} into the image${e.keyword === 'ENV' ? "'s environment" : "'s labels"}: the value is stored in the image config (docker inspect shows it) for anyone who pulls the image, and every process in the container, the agent too, can read it. Use a build secret for the build (RUN --mount=type=secret,id=${secretArg.toLowerCase()},env=${secretArg} …) and pass it at run time if the container needs it.`);
      };
      for (const e of d.env) {
        judge(e);
        if (declared.get(key(e)) !== 'ENV') declared.set(key(e), e.keyword);
      }
      for (const e of d.env) {
        if (e.keyword !== 'ARG' || reportedArgs.has(e) || copiedToEnv.has(e.name) || !secretShapedName(e.name) || !inBuiltImage(d, e.loc)) continue;
        const run = runReading(d, e);
        if (!run) continue;
        report(e.loc, `ARG ${e.name} is read by the RUN on line ${run.loc.start.line}: docker history records the build arguments every RUN step sees, so the value ships with the image. Pass it as a build secret instead (RUN --mount=type=secret,id=${e.name.toLowerCase()},env=${e.name} …, built with --secret id=${e.name.toLowerCase()},env=${e.name}).`, { severity: 'warning' });
      }
      for (const c of d.copies) {
        if (!inBuiltImage(d, c.loc)) continue;
        for (const s of c.sources) {
          const landing = landingPath(s.value, c.dest, c.sources.length);
          const bySource = credentialFile(s.value, 'source');
          const cred = bySource ?? credentialFile(landing, 'destination');
          if (!cred) continue;
          const what = bySource ? `${c.keyword} ${s.value}` : `${c.keyword} ${s.value} to ${c.dest}`;
          const message =
            cred.severity === 'note'
              ? `${what} puts ${cred.what} into a layer. If it holds an auth token (_authToken=…), the token ships with the image: keep only \${NPM_TOKEN} references in it, or mount it for the install step only (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci).`
              : `${what} bakes ${cred.what} into a layer: anyone who pulls the image can read it, even if a later RUN deletes the file, and so can the agent inside. Keep it out of the build context (.dockerignore), pass it at run time (a read-only mount or an environment variable), or use a build secret (RUN --mount=type=secret) for the build.`;
          report(s.loc, message, { severity: cred.severity });
        }
      }
    }
  },
});
