import { defineRule } from '../src/rule.js';
import { isEngineSocket, sensitiveHostPath } from '../src/model/host-paths.js';

export default defineRule({
  id: 'sensitive-host-mount',
  title: 'Sensitive host folder mounted',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'filesystem',
  tags: ['security', 'container', 'CWE-668'],
  docs: `A host system folder or the whole home folder is bind-mounted: \`/\`, \`/etc\`, \`/root\`, \`/home\`, \`/Users\`, the whole \`$HOME\`, \`/var\`, \`/var/run\`, \`/run\`, \`/proc\`, \`/sys\`, \`/dev\`, \`/boot\`, \`/lib/modules\`, \`/var/lib/docker\` (and anything below \`/etc\`, \`/proc\`, \`/sys\`, \`/dev\`, \`/boot\`, \`/lib/modules\`, except \`/etc/localtime\` and \`/etc/timezone\`).

\`/dev/null\` mounted over a file (\`/dev/null:/workspace/.env:ro\`) hides that file from the container and does not fire (0.2, issue 10: seen in real compose files that mask secrets this way).

## Why it matters
These folders hold every credential on the machine (\`/home\`, \`/root\`), the host's configuration (\`/etc\`: add a cron job or a sudoers line and the agent is root on the host), or the kernel's and the engine's controls (\`/proc\`, \`/sys\`, \`/var/run\`). \`docker run -v /:/mnt --privileged\` is the textbook escape.

## How to fix
Mount only the project folder the agent works on.

Before:
\`\`\`sh
docker run -v /:/mnt/ debian:bookworm
\`\`\`
After:
\`\`\`sh
docker run -v "$PWD":/workspace debian:bookworm
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const m of l.mounts) {
        if (!m.source || m.type !== 'bind' || isEngineSocket(m.source) || !sensitiveHostPath(m.source)) continue;
        report(m.loc, `${l.name} mounts the host's ${m.source}${m.readOnly ? ' (read-only)' : ''}: it exposes host credentials or system controls to the agent. Mount only the project folder instead.`);
      }
    }
  },
});
