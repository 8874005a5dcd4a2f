import { defineRule } from '../src/rule.js';
import { dedicatedAgentVariable, hostCredentialVar, modelCredentialVar, secretShapedName } from '../src/model/secrets.js';
import { actor, hardeningApplies } from '../src/model/agent-container.js';

export default defineRule({
  id: 'host-secret-passthrough',
  title: 'Host secret passed into the container',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'credentials',
  opens: true,
  tags: ['security', 'container', 'secrets', 'CWE-522'],
  docs: `A secret from the host's environment is passed into a container: \`-e AWS_SECRET_ACCESS_KEY\`, \`-e GITHUB_TOKEN=$GITHUB_TOKEN\`, compose \`environment: [AWS_SESSION_TOKEN]\`, devcontainer \`"GH_TOKEN": "\${localEnv:GH_TOKEN}"\`.

- Cloud and source-control credentials known by name (\`AWS_*\`, \`GITHUB_TOKEN\`, \`GH_TOKEN\`, \`GITLAB_TOKEN\`, \`AZURE_CLIENT_SECRET\`, \`GOOGLE_APPLICATION_CREDENTIALS\`, \`NPM_TOKEN\`, \`VAULT_TOKEN\`, \`KUBECONFIG\`, \`SSH_AUTH_SOCK\` …) fire on every container. So does \`SSH_AUTH_SOCK\` set to a path (\`SSH_AUTH_SOCK: /tmp/ssh-agent.sock\`): the container's SSH clients are pointed at an agent socket someone puts there.
- Any other host variable named like a secret (\`*_TOKEN\`, \`*_SECRET\`, \`*_PASSWORD\`, \`*_API_KEY\`, \`*_APIKEY\`, \`*_PAT\`, \`*_CREDENTIALS\`, \`*_AUTH_KEY\`, \`*_PRIVATE_KEY\`, \`TF_TOKEN_*\` …) fires on the agent's containers (see "Which container is the agent's"; \`hardening: all-containers\` judges every container), where it is the agent that can read it. A database's own \`POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\` is not judged.
- The agent's own model credential (\`ANTHROPIC_API_KEY\`, \`CLAUDE_CODE_OAUTH_TOKEN\`, \`OPENAI_API_KEY\`, \`GEMINI_API_KEY\`, \`GOOGLE_API_KEY\`, \`OPENROUTER_API_KEY\` …) is a note on the agent's containers: passing it is the documented way to run an agent, but it is still a secret the agent can read and send out.
- A host variable named for the agent (\`AGENT_REPO_TOKEN\`, \`SANDBOX_GH_TOKEN\`, \`*_BOT_*\`) is taken as a credential made for it, as the fix below asks, and does not fire.

0.2: names are judged by shape, not only from a fixed list (\`CONTEXT7_API_KEY\`, \`TAILSCALE_AUTH_KEY\` were missed); the agent's model credential is now a note instead of silent, and \`GOOGLE_API_KEY\` counts as one (it was a cloud-credential warning); \`SSH_AUTH_SOCK\` set to a path fires; script variables in lower case (\`-e GITHUB_TOKEN=$github_token\`) are matched like their upper-case names.

## Why it matters
The host's token usually has the developer's full rights: every repository, the production cloud account. Inside an agent's container it is one prompt injection away from being used or sent out.

## How to fix
Give the container its own narrowly scoped, short-lived credential (a fine-grained token for one repository, a role with read-only rights), named for the agent so the choice is visible, or keep the calls outside the container behind a proxy that adds the credential.

Before:
\`\`\`sh
docker run -e GITHUB_TOKEN agent
\`\`\`
After:
\`\`\`sh
docker run -e GITHUB_TOKEN="$AGENT_REPO_TOKEN" agent   # fine-grained, one repository, read-only
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const e of l.env) {
        if (!e.hostVar) {
          if (e.name === 'SSH_AUTH_SOCK' && e.value && /^[/~$]/.test(e.value.trim())) {
            report(e.loc, `${l.name} sets SSH_AUTH_SOCK to ${e.value.trim()}: SSH inside the container uses whatever agent socket is there (a mount or a relay of the host's SSH agent), so every key loaded in that agent signs for ${actor(model, l)}. Use a deploy key for one repository, or keep git pushes outside the container.`);
          }
          continue;
        }
        const from = e.hostVar === e.name ? e.name : `${e.hostVar} as ${e.name}`;
        if (hostCredentialVar(e.hostVar)) {
          report(e.loc, `${l.name} passes the host's ${from} into the container: the developer's own cloud or source-control credential becomes usable by ${actor(model, l)}. Pass a narrowly scoped, short-lived credential instead.`);
          continue;
        }
        if (!hardeningApplies(model, l) || dedicatedAgentVariable(e.hostVar)) continue;
        const provider = modelCredentialVar(e.hostVar) ?? modelCredentialVar(e.name);
        if (provider) {
          report(e.loc, `${l.name} passes the host's ${from}, the agent's ${provider} credential: the documented way to run it, but the agent can read it (and a prompt injection can send it out). Prefer a key made for this sandbox, with a spending limit, over your personal one.`, { severity: 'note' });
          continue;
        }
        if (secretShapedName(e.hostVar)) {
          report(e.loc, `${l.name} passes the host's ${from} into the container: a name like that holds a secret, and ${actor(model, l)} can read it, use it and send it out. Pass it only if the agent needs it, as a narrowly scoped credential made for it (named for it, such as AGENT_${e.hostVar.toUpperCase()}).`);
        }
      }
    }
  },
});
