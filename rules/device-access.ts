import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'device-access',
  title: 'Host device passed into the container',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `A host device is passed into the container with compose \`devices:\` or \`--device\` (scripts and devcontainer \`runArgs\`).

## Why it matters
A device node is direct access to host hardware: a disk (\`/dev/sda\`) can be mounted and read past every file permission, \`/dev/kvm\` and \`/dev/fuse\` widen the kernel surface, a USB device can be reprogrammed.

## How to fix
Remove the device. If a tool needs one (a GPU), give it to a dedicated container that does not run the agent.

Before:
\`\`\`yaml
devices:
  - /dev/sda:/dev/sda
\`\`\`
After: no \`devices\` in the agent's service.`,
  check(model, report) {
    for (const l of model.launches) {
      for (const d of l.devices) {
        report(d.loc, `${l.name} gets the host device ${d.value}: direct access to host hardware bypasses file permissions and widens the kernel surface. Remove it from the agent's container.`);
      }
    }
  },
});
