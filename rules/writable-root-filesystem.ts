import { defineRule } from '../src/rule.js';
import { actor, hardeningApplies } from '../src/model/agent-container.js';

export default defineRule({
  id: 'writable-root-filesystem',
  title: 'Root filesystem is writable',
  severity: 'note',
  securitySeverity: 2.0,
  precision: 'high',
  dimension: 'filesystem',
  tags: ['security', 'container', 'CWE-732'],
  docs: `The container's root filesystem is writable: no \`read_only: true\` (compose) or \`--read-only\` (scripts, devcontainer \`runArgs\`).

## Why it matters
With a writable root filesystem an agent can change binaries and configuration inside the container (replace \`git\`, add a startup script) and the change persists for the container's lifetime. A read-only root with \`tmpfs\` for scratch space keeps every change visible and temporary.

## How to fix
Before:
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
    read_only: true
    tmpfs: [/tmp, /home/node/.cache, /home/node/.npm]
\`\`\`
A dev container you work in every day usually needs a writable root; turn this rule off for it in the config.`,
  check(model, report) {
    for (const l of model.launches) {
      if (l.readOnly?.value || !hardeningApplies(model, l)) continue;
      report(l.anchor, `${l.name} has a writable root filesystem: changes ${actor(model, l)} makes to binaries and configuration persist. Add read_only: true (or --read-only) with tmpfs for scratch folders.`);
    }
  },
});
