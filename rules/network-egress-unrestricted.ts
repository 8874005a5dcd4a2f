import { defineRule } from '../src/rule.js';
import { egressOf } from '../src/model/egress.js';
import { agentContainer } from '../src/model/agent-container.js';

export default defineRule({
  id: 'network-egress-unrestricted',
  title: "Agent's container has unrestricted network egress",
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  dimension: 'network',
  opens: true,
  tags: ['security', 'container', 'network', 'CWE-200'],
  docs: `A container that runs an agent (an agent CLI or package in its command, its Dockerfile or its lifecycle commands, an agent devcontainer feature or extension, an agent image, a mount of an agent's login) has the ordinary open network and nothing restricts egress. It stays quiet when something does: \`--network none\` / \`network_mode: none\`, only \`internal: true\` networks, a firewall feature, or a firewall started where real setups start it: its lifecycle commands (\`sudo [VAR=val …] [bash] …/init-firewall.sh\`), its compose \`command\`/\`entrypoint\`, the image's ENTRYPOINT/CMD or the entrypoint script it runs (when the script is in the scan), or a \`docker exec\` into the same container later in the launcher (\`iptables\`, \`ipset\`, \`nft\`, \`ufw enable\`, a \`*firewall*.sh\` script). \`network_mode: service:X\` gives the container X's network: it has egress control only if X does (a database sidecar is not a firewall; a proxy sidecar with no visible firewall is a \`note\`). Partial evidence (a firewall script copied into the image, a sudoers entry for it, \`NET_ADMIN\`) with no visible start is a \`note\`. A container on the host network gets no finding here: \`host-namespace\` reports it.

0.2: the firewall is now recognised in parsed commands (wrappers and \`VAR=val\` prefixes included), in entrypoint scripts and through \`docker exec\`; shared networks are followed to the container that owns them; partial evidence lowers the finding to a note (issue 10, after real dev containers and compose stacks gave wrong warnings).

## Why it matters
Exfiltration needs one outbound connection. An agent that reads a secret and follows a prompt injection can send it anywhere unless egress is limited to the hosts it needs (the model API, the package registry).

## How to fix
Allow only the hosts the agent needs: Anthropic's reference devcontainer runs \`init-firewall.sh\` (iptables + ipset, default deny) at start; or put the agent on an \`internal: true\` network with a proxy that allows the API.

Before:
\`\`\`json
{ "image": "node:20", "features": { "ghcr.io/anthropics/devcontainer-features/claude-code:1": {} } }
\`\`\`
After:
\`\`\`json
{
  "build": { "dockerfile": "Dockerfile" },
  "runArgs": ["--cap-add=NET_ADMIN", "--cap-add=NET_RAW"],
  "postStartCommand": "sudo /usr/local/bin/init-firewall.sh"
}
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      const agent = agentContainer(model, l);
      if (!agent.seen) continue;
      const e = egressOf(model, l);
      if (e.kind === 'restricted' || e.kind === 'host') continue;
      if (e.kind === 'partial') {
        report(l.anchor, `${l.name} runs an agent (${agent.why}) and may have unrestricted outbound network access: ${e.why}. If the firewall is started elsewhere, nothing to do; otherwise start it (postStartCommand, the entrypoint) or restrict egress another way.`, { severity: 'note' });
        continue;
      }
      report(l.anchor, `${l.name} runs an agent (${agent.why}) with unrestricted outbound network access${e.why ? ` (${e.why})` : ''}: a prompt-injected agent can send code and secrets anywhere. Restrict egress with a firewall (init-firewall.sh), an internal network behind a proxy, or --network none.`);
    }
  },
});
