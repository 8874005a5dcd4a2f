import { defineRule } from '../src/rule.js';
import { egressRestriction } from '../src/model/facts.js';
import { agentContainer } from '../src/model/agent-container.js';

export default defineRule({
  id: 'network-egress-unrestricted',
  title: "Agent's container has unrestricted network egress",
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  tags: ['security', 'container', 'network', 'CWE-200'],
  docs: `A container that runs an agent (an agent CLI in its command, its Dockerfile or its lifecycle commands, an agent devcontainer feature, an agent image) has the ordinary open network and nothing restricts egress. It stays quiet when something does: \`--network none\` / \`network_mode: none\`, only \`internal: true\` networks, traffic routed through another container (\`network_mode: service:proxy\`), or a firewall (an \`init-firewall\` script, a firewall feature, \`iptables\`/\`ipset\`/\`nft\` in lifecycle commands or the entrypoint).

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
      if (!agent.seen || egressRestriction(l)) continue;
      report(l.anchor, `${l.name} runs an agent (${agent.why}) with unrestricted outbound network access: a prompt-injected agent can send code and secrets anywhere. Restrict egress with a firewall (init-firewall.sh), an internal network behind a proxy, or --network none.`);
    }
  },
});
