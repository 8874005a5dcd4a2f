import { defineRule } from '../src/rule.js';
import { dockerfileUser, launchUser } from '../src/model/container-user.js';
import { hardeningApplies, installsAgent } from '../src/model/agent-container.js';
import type { DockerfileDoc } from '../src/parse/dockerfile.js';

export default defineRule({
  id: 'runs-as-root',
  title: 'Container runs as root',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `The agent's container runs as root: an explicit \`root\` / \`0\` user, or no \`user\` / \`--user\` / \`remoteUser\` / \`containerUser\` and no non-root \`USER\` in the final stage of the Dockerfile it builds.

Who the container runs as is worked out from what the scan can see:
- the launch's own user setting; a user from a variable (\`\${UID}:\${GID}\`, \`$(id -u)\`) counts as non-root;
- the Dockerfile of an image the project builds: compose \`build\` (also for another service that runs the same \`image\` name), \`docker build -t NAME\` in a scanned script, or an un-namespaced image name matching a Dockerfile's folder or suffix (\`claude-box\` ↔ \`claude-box/Dockerfile\`, \`Dockerfile.claude-box\`);
- an entrypoint that drops privileges (\`exec gosu\`, \`su-exec\`, \`runuser\`, \`setpriv\`, \`s6-setuidgid\`, \`su -c\`), in the ENTRYPOINT itself or in the entrypoint script when it is in the scan;
- images whose own metadata or entrypoint picks a non-root user: \`mcr.microsoft.com/devcontainers/*\`, \`*:nonroot\`, Chainguard, and official service images that start as their own user by design (postgres, redis, mysql, mariadb, mongo, rabbitmq … : each image's \`docker-entrypoint.sh\` in github.com/docker-library runs \`exec gosu\`).

Official base images with no USER of their own (node, python, golang, ubuntu, debian, alpine …) run as root: a warning. When the image is not in the scan and nothing above applies, the user cannot be known: the finding is a \`note\` and says so. A Dockerfile that installs an agent and that no scanned launch uses is judged alone, as hadolint (DL3002) and KICS do: no USER, or a last \`USER root\`, in its final stage (the finding points at that USER or the final FROM).

Only agents' containers are judged by default (see the README, "Which container is the agent's"); config \`hardening: all-containers\` judges every container and every Dockerfile.

## Why it matters
Root in the container owns every file the container can reach, can use every capability it was left with, and is root on the host after any escape. Every in-container control (a firewall, read-only files) is one \`sudo\` or \`chmod\` away from gone.

## How to fix
Before (Dockerfile):
\`\`\`dockerfile
FROM node:20-slim
RUN npm install -g @anthropic-ai/claude-code@2.1.260
\`\`\`
After:
\`\`\`dockerfile
FROM node:20-slim
RUN npm install -g @anthropic-ai/claude-code@2.1.260
USER node
\`\`\`
Or set it where the container starts: \`user: "1000:1000"\`, \`--user 1000:1000\`, \`"remoteUser": "node"\`.`,
  check(model, report) {
    const used = new Set<DockerfileDoc>();
    for (const l of model.launches) {
      if (l.dockerfile) used.add(l.dockerfile);
      if (!hardeningApplies(model, l)) continue;
      const v = launchUser(model, l);
      if (v.root === false) continue;
      if (v.root === 'unknown') {
        const image = !l.image ? 'its image is not in the scan' : l.image.value.includes('$') ? 'its image is chosen at run time' : `the image ${l.image.value} is not in the scan`;
        report(l.anchor, `${l.name} may run as root: no user is set, and ${image}, so its default user cannot be seen here (most images default to root). Set a non-root user (user: "1000:1000", --user, remoteUser) to be sure.`, { severity: 'note' });
      } else if (v.because === 'explicit') {
        report(v.user.loc, `${l.name} runs as ${v.user.value}: root in the container can undo every in-container control and is root on the host after an escape. Run as an unprivileged user.`);
      } else if (v.because === 'image') {
        report(l.anchor, `${l.name} runs as root: no user is set and ${v.image} has no USER of its own, so it starts as root. Set a non-root user (user: "1000:1000", --user, remoteUser).`);
      } else {
        report(l.anchor, `${l.name} runs as root: no user is set and its Dockerfile (${l.dockerfile!.file}) has no non-root USER in its final stage. Set a non-root user (user: "1000:1000", --user, remoteUser, or USER in the Dockerfile).`);
      }
    }
    // A Dockerfile no scanned launch uses is still an image someone runs (hadolint and KICS judge it alone too).
    for (const d of model.dockerfiles) {
      if (used.has(d) || d.stages.length === 0 || !(model.options?.hardening === 'all-containers' || installsAgent(model, d))) continue;
      const v = dockerfileUser(model, d);
      if (v.root !== true) continue;
      const at = v.because === 'explicit' ? v.user.loc : d.stages.at(-1)!.image.loc;
      report(at, `The image built by ${d.file} ${v.because === 'explicit' ? `ends with USER ${v.user.value}` : 'sets no non-root USER in its final stage'}, so the agent it installs runs as root wherever the image is started. Add a non-root USER at the end of the final stage.`);
    }
  },
});
