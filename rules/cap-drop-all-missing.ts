import { defineRule } from '../src/rule.js';
import { actor, hardeningApplies } from '../src/model/agent-container.js';
import { capabilityName } from '../src/model/capabilities.js';
import { capDropAllFix } from '../src/fix/launch-hardening.js';

export default defineRule({
  id: 'cap-drop-all-missing',
  title: 'Capabilities are not dropped',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `The container keeps Docker's default Linux capabilities (\`CHOWN\`, \`DAC_OVERRIDE\`, \`FOWNER\`, \`NET_RAW\`, \`SETUID\`, \`SETGID\` and more) because nothing drops them with \`ALL\`.

## Why it matters
Every capability is a way to undo the sandbox from inside: \`NET_RAW\` crafts packets past a firewall, \`SETUID\`/\`SETGID\` help privilege escalation, \`DAC_OVERRIDE\` ignores file permissions. Anthropic's secure-deployment guide starts its hardened \`docker run\` with \`--cap-drop ALL\`.

## How to fix
Drop everything, then add back the few capabilities that are really needed.

Before (compose):
\`\`\`yaml
services:
  agent:
    image: node:20-slim
\`\`\`
After:
\`\`\`yaml
services:
  agent:
    image: node:20-slim
    cap_drop: [ALL]
\`\`\`
In a script: \`docker run --cap-drop ALL …\`; in devcontainer.json: \`"runArgs": ["--cap-drop=ALL"]\`.

## Autofix
\`--fix\` adds it where the container is described (the compose service, the devcontainer's \`runArgs\`, the \`docker run\` line) when the container runs as a non-root user that never uses sudo; for a root container, or one that uses sudo, the same edit is a suggestion (\`--fix-dry-run\`, SARIF \`fixes\`), since root without capabilities cannot chown or install packages.`,
  check(model, report) {
    for (const l of model.launches) {
      if (!hardeningApplies(model, l) || l.capDrop.some((c) => capabilityName(c.value) === 'ALL')) continue;
      report(l.anchor, `${l.name} does not drop Linux capabilities with ALL, so it keeps Docker's defaults (NET_RAW, SETUID, DAC_OVERRIDE …) that help ${actor(model, l)} escape. Add cap_drop: [ALL] (or --cap-drop ALL) and add back only what is needed.`, { fix: capDropAllFix(model, l) });
    }
  },
});
