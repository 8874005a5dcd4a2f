import { privilegedOffFix } from '../src/fix/launch-hardening.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'error',
  securitySeverity: 9.5,
  precision: 'very-high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `A privileged container has every capability, every host device and no seccomp or AppArmor confinement: whatever runs in it, an AI agent included, can mount the host's disks and leave the container. It fires on \`--privileged\` (scripts and devcontainer \`runArgs\`), compose \`privileged: true\`, devcontainer \`"privileged": true\`, and the devcontainer feature \`docker-in-docker\`, which runs the container privileged.

## Why it matters
An agent that follows a prompt injection in a README can run \`mount /dev/sda1 /mnt\` and read or change the host. The enterprise checklist behind this linter names \`docker run -v /:/mnt/ --privileged\` as the first thing never to do.

## Autofix
None is applied: \`--fix-dry-run\` and SARIF \`fixes\` suggest turning it off (\`privileged: false\`, \`"privileged": false\`, the \`--privileged\` word taken off the \`docker run\` line), since a container is usually privileged because something in it needs it. A devcontainer feature that implies it (docker-in-docker) has no edit.

## How to fix
Remove the flag and add back only what the workload needs.

Before:
\`\`\`sh
docker run --privileged -it debian:bookworm bash
\`\`\`
After:
\`\`\`sh
docker run --cap-drop ALL --security-opt no-new-privileges -it debian:bookworm bash
\`\`\`
For Docker inside the container, prefer a rootless engine or a remote builder over \`docker-in-docker\`.`,
  check(model, report) {
    for (const l of model.launches) {
      for (const p of l.privileged) {
        report(p.loc, `${l.name} runs privileged (${p.value}): every capability and every host device is open to the agent, which can take over the host. Remove it and grant only the capabilities the workload needs.`, { fix: privilegedOffFix(model, l, p) });
      }
    }
  },
});
