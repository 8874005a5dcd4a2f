import { defineRule } from '../src/rule.js';
import type { Located } from '../src/types.js';
import type { Namespace } from '../src/model/launch.js';

const EFFECT: Record<Namespace, string> = {
  network: 'the host network: every port on the host and on its private networks, with no container firewall',
  pid: 'the host process table: it can see, signal and trace host processes',
  ipc: 'host shared memory and semaphores',
  uts: 'the host name and domain',
  userns: 'no user-namespace remapping: root in the container is root on the host',
  cgroupns: 'the host cgroup tree',
};

export default defineRule({
  id: 'host-namespace',
  title: 'Container shares a host namespace',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'very-high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-653'],
  docs: `The container joins one of the host's namespaces: \`network_mode: host\`, \`--net=host\`, \`--network host\`, \`pid: host\`, \`--pid host\`, \`ipc: host\`, \`uts: host\`, \`userns_mode: host\`, \`--userns host\`, \`cgroup: host\`, \`--cgroupns host\`.

## Why it matters
A namespace is a wall of the sandbox. With the host network the agent reaches everything the host reaches (cloud metadata at 169.254.169.254, databases on localhost) and no in-container firewall applies; with the host PID namespace it can read other processes' environments.

## How to fix
Remove the setting and publish only the ports you need.

Before:
\`\`\`yaml
network_mode: host
\`\`\`
After:
\`\`\`yaml
ports: ["127.0.0.1:3000:3000"]
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const [ns, v] of Object.entries(l.namespaces) as [Namespace, Located<string>][]) {
        if (v.value.trim().toLowerCase() !== 'host') continue;
        report(v.loc, `${l.name} uses the host ${ns} namespace, giving the agent ${EFFECT[ns]}. Remove it.`);
      }
    }
  },
});
