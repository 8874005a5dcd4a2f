import { defineRule } from '../src/rule.js';
import { hostCredentialVar } from '../src/model/secrets.js';

export default defineRule({
  id: 'host-secret-passthrough',
  title: 'Host cloud or VCS credential passed into the container',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  tags: ['security', 'container', 'secrets', 'CWE-522'],
  docs: `A host variable that carries a cloud or source-control credential is passed into the container: \`-e AWS_SECRET_ACCESS_KEY\`, \`-e GITHUB_TOKEN=$GITHUB_TOKEN\`, compose \`environment: [AWS_SESSION_TOKEN]\`, devcontainer \`"GH_TOKEN": "\${localEnv:GH_TOKEN}"\`, \`SSH_AUTH_SOCK\` (the SSH agent), \`KUBECONFIG\`, \`GOOGLE_APPLICATION_CREDENTIALS\` and the like. Passing the agent's own API key (\`ANTHROPIC_API_KEY\`, \`OPENAI_API_KEY\`, \`CLAUDE_CODE_OAUTH_TOKEN\`) is the documented way to run an agent and does not fire.

## Why it matters
The host's token usually has the developer's full rights: every repository, the production cloud account. Inside an agent's container it is one prompt injection away from being used or sent out.

## How to fix
Give the container its own narrowly scoped, short-lived credential (a fine-grained token for one repository, a role with read-only rights), or keep the calls outside the container behind a proxy.

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
        if (!e.hostVar || !hostCredentialVar(e.hostVar)) continue;
        report(e.loc, `${l.name} passes the host's ${e.hostVar} into the container as ${e.name}: the developer's own cloud or source-control credential becomes usable by the agent. Pass a narrowly scoped, short-lived credential instead.`);
      }
    }
  },
});
