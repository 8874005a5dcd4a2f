import { defineRule } from '../src/rule.js';

const DISABLES = /^(seccomp|apparmor)[:=]unconfined$|^label[:=]disable$|^systempaths[:=]unconfined$/i;

export default defineRule({
  id: 'security-profile-disabled',
  title: 'Kernel security profile disabled',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'very-high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-693'],
  docs: `A security option turns off one of the kernel's container confinements: \`seccomp=unconfined\` (every system call allowed), \`apparmor=unconfined\`, \`label=disable\` (SELinux), or \`systempaths=unconfined\` (writable \`/proc\` and \`/sys\`).

## Why it matters
Docker's default seccomp profile blocks the system calls most container escapes need (\`mount\`, \`keyctl\`, \`bpf\`, \`unshare\` …). Without it a kernel bug is one call away.

## How to fix
Remove the option; if a tool really needs one more system call, write a custom seccomp profile that allows just that call.

Before:
\`\`\`sh
docker run --security-opt seccomp=unconfined agent
\`\`\`
After:
\`\`\`sh
docker run --security-opt seccomp=./seccomp-agent.json agent
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const o of l.securityOpt) {
        if (DISABLES.test(o.value.trim())) {
          report(o.loc, `${l.name} sets ${o.value}, which removes a kernel confinement every container escape has to get past. Remove it, or use a custom profile that allows only what is needed.`);
        }
      }
    }
  },
});
