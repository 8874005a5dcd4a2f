import { defineRule } from '../src/rule.js';
import { isEngineSocket } from '../src/model/host-paths.js';

export default defineRule({
  id: 'docker-socket-mount',
  title: 'Container engine socket exposed',
  severity: 'error',
  securitySeverity: 9.5,
  precision: 'very-high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `A container engine's API socket is mounted into the container (\`/var/run/docker.sock\`, \`/run/docker.sock\`, \`~/.docker/run/docker.sock\`, \`podman.sock\`, \`containerd.sock\`, \`crio.sock\`, \`buildkitd.sock\`), \`DOCKER_HOST\` points the container at an engine, or the devcontainer feature \`docker-outside-of-docker\` mounts the host's socket.

## Why it matters
Whoever can talk to the engine can run \`docker run --privileged -v /:/host …\` on the host: the socket is root on the host, with no password. An agent with the socket is not sandboxed at all.

## How to fix
Remove the mount. If the agent must build images, use a rootless engine inside the container, a remote builder, or a socket proxy that allows only the API calls you need.

Before:
\`\`\`yaml
volumes:
  - /var/run/docker.sock:/var/run/docker.sock
\`\`\`
After: no engine socket in the agent's container.

Anthropic's hardened example mounts \`/var/run/proxy.sock\`: a proxy's socket is not an engine socket and does not fire.`,
  check(model, report) {
    for (const l of model.launches) {
      for (const m of l.mounts) {
        if (!m.source || !isEngineSocket(m.source)) continue;
        const how = m.implied ? `${m.implied} mounts the host's ${m.source}` : `mounts ${m.source}`;
        report(m.loc, `${l.name} ${how}: the engine socket is root on the host, so the agent can start a privileged container and leave the sandbox. Remove it, or use a rootless engine or a filtering socket proxy.`);
      }
      for (const e of l.env) {
        if (e.name === 'DOCKER_HOST' || e.name === 'CONTAINER_HOST') {
          report(e.loc, `${l.name} sets ${e.name}, pointing the agent at a container engine that can start privileged containers on the host. Remove it.`);
        }
      }
    }
  },
});
