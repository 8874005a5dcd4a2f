import { defineRule } from '../src/rule.js';
import { effectiveLaunchUser } from '../src/model/facts.js';

export default defineRule({
  id: 'runs-as-root',
  title: 'Container runs as root',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  tags: ['security', 'container', 'CWE-250'],
  docs: `The container's processes run as root: no \`user\` / \`--user\` / \`remoteUser\` / \`containerUser\` and no non-root \`USER\` in the final stage of its Dockerfile, or an explicit \`root\` / \`0\`. Images whose own metadata picks a non-root user (\`mcr.microsoft.com/devcontainers/*\`, \`*:nonroot\`) count as non-root; a user from a variable (\`\${UID}:\${GID}\`, \`$(id -u)\`) counts as non-root.

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
    for (const l of model.launches) {
      const v = effectiveLaunchUser(l);
      if (!v.root) continue;
      if (v.because === 'explicit') {
        report(v.user.loc, `${l.name} runs as ${v.user.value}: root in the container can undo every in-container control and is root on the host after an escape. Run as an unprivileged user.`);
      } else {
        report(l.anchor, `${l.name} runs as root: no user is set and ${l.dockerfile ? 'its Dockerfile has no non-root USER' : 'the image runs as root by default'}. Set a non-root user (user: "1000:1000", --user, remoteUser, or USER in the Dockerfile).`);
      }
    }
  },
});
