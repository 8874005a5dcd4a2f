import { defineRule } from '../src/rule.js';
import { actor, hardeningApplies } from '../src/model/agent-container.js';

import { noNewPrivilegesFix } from '../src/fix/launch-hardening.js';

export default defineRule({
  id: 'no-new-privileges-missing',
  title: 'no-new-privileges is not set',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-269'],
  docs: `The container does not set the \`no-new-privileges\` security option, so a setuid binary (\`sudo\`, \`su\`, \`passwd\`) can still raise a process's privileges inside it.

When the container has security options but not this one (or \`no-new-privileges:false\`), the finding points at that entry rather than at the service (0.2, issue 10).

## Why it matters
A non-root agent user is only a boundary if nothing can turn it back into root. \`no-new-privileges\` makes the kernel refuse every privilege gain through exec.

## How to fix
Before (compose):
\`\`\`yaml
services:
  agent:
    cap_drop: [ALL]
\`\`\`
After:
\`\`\`yaml
services:
  agent:
    cap_drop: [ALL]
    security_opt:
      - no-new-privileges:true
\`\`\`
In a script: \`docker run --security-opt no-new-privileges …\`; in devcontainer.json: \`"securityOpt": ["no-new-privileges"]\`.`,
  check(model, report) {
    for (const l of model.launches) {
      const set = l.securityOpt.some((o) => /^no-new-privileges(?:[:=](?:true|1))?$/i.test(o.value.trim()));
      if (set || !hardeningApplies(model, l)) continue;
      // Where security options are written, the finding points at them: the turned-off one, else the first.
      const at = l.securityOpt.find((o) => /^no-new-privileges[:=](?:false|0)$/i.test(o.value.trim())) ?? l.securityOpt[0];
      report(at?.loc ?? l.anchor, `${l.name} does not set no-new-privileges: a setuid program such as sudo can turn ${actor(model, l)} back into root. Add security_opt: [no-new-privileges:true] (or --security-opt no-new-privileges).`, { fix: at && /^no-new-privileges[:=](?:false|0)$/i.test(at.value.trim()) ? undefined : noNewPrivilegesFix(model, l) });
    }
  },
});
