import { defineRule } from '../src/rule.js';
import { readOnlyMountFix } from '../src/fix/launch-hardening.js';
import { agentLogin, credentialStore, sshAgentSocket, gitConfig, credentialTarget, agentSessionData } from '../src/model/host-paths.js';

/** Why making a login folder read-only is only suggested. */
const LOGIN_READ_ONLY = 'the agent cannot refresh its login token through a read-only mount: sign in again on the host when it expires';

export default defineRule({
  id: 'host-credentials-mount',
  title: 'Host credentials mounted into the container',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'credentials',
  tags: ['security', 'container', 'secrets', 'CWE-522'],
  docs: `A host credential store is mounted into the container: \`~/.aws\`, \`~/.ssh\`, \`~/.config/gcloud\`, \`~/.azure\`, \`~/.kube\`, \`~/.docker\`, \`~/.git-credentials\`, \`~/.config/gh\`, \`~/.netrc\`, \`~/.npmrc\`, \`~/.pypirc\`, \`~/.gnupg\`, service-account JSON files and private keys (\`*.pem\`, \`*.key\`, \`id_rsa\`). Every spelling of the home folder counts alike: \`~\`, \`$HOME\`, \`\${HOME}\`, \`\${localEnv:HOME}\`, \`\${env:HOME}\`, \`/home/<user>\`, \`/root\`, \`/Users/<user>\`. Read-only mounts fire too: reading is the leak.

The SSH agent's socket counts by any path (\`$SSH_AUTH_SOCK\`, \`\${localEnv:SSH_AUTH_SOCK}\`, \`/run/host-services/ssh-auth.sock\`, 1Password's \`agent.sock\`): whoever reaches it signs with every key it holds. So does a bind mount whose container target is a credential path (\`./creds:/home/u/.aws\`): what is mounted there is a credential. A writable \`~/.gitconfig\` or \`~/.config/git\` is a warning (git config can run commands on the host: \`core.fsmonitor\`, \`core.pager\`, aliases); read-only it is quiet.

Parts of \`~/.claude\` that hold session data only (\`history.jsonl\`, \`projects/\`, \`todos/\`, \`file-history/\`, \`shell-snapshots/\`, \`session-env/\`) are not a login and do not fire.

0.2: SSH agent sockets, credential targets, git's configuration and VS Code's \`\${env:HOME}\${env:USERPROFILE}\` spelling were added after real dev containers and wrapper scripts mounted them unnoticed (issue 10).

The agents' own logins (\`~/.claude\`, \`~/.codex\`, \`~/.kiro\`, \`~/.gemini\`, \`~/.config/opencode\`, \`~/.cursor\`, \`~/.qwen\`, \`~/.vibe\`, \`~/.factory\`) are the documented way to sign in from a container: a read-only one is a note, a writable one a warning (the agent could change its own settings or hooks that later run on the host).

## Why it matters
Anthropic's secure-deployment guide lists exactly these files as the ones to keep out of an agent's reach. A prompt-injected agent with \`~/.aws\` mounted can use the host's cloud account.

## Autofix
\`--fix\` makes a writable \`~/.gitconfig\` or \`~/.config/git\` mount read-only (\`:ro\`, \`,readonly\`). Making an agent's login folder read-only is a suggestion only (\`--fix-dry-run\`, SARIF \`fixes\`): the agent then cannot refresh its token and you sign in again on the host when it expires. A credential store has no mechanical fix: remove the mount.

## How to fix
Do not mount the store. Give the container a short-lived, narrowly scoped credential instead (an OIDC role, a fine-grained token), or route the calls through a proxy that injects it.

Before:
\`\`\`sh
docker run -v ~/.aws:/home/node/.aws:ro agent
\`\`\`
After:
\`\`\`sh
docker run agent   # the proxy outside the container adds credentials
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const m of l.mounts) {
        if (!m.source || m.type !== 'bind') continue;
        const store = credentialStore(m.source) ?? (sshAgentSocket(m.source) ? 'the SSH agent socket, which signs with every key it holds' : undefined);
        if (store) {
          report(m.loc, `${l.name} mounts ${m.source} (${store}) into the container${m.readOnly ? ' (read-only, which still lets the agent read and send it)' : ''}. A prompt-injected agent can use or leak it. Remove the mount and pass a short-lived, narrowly scoped credential instead.`);
          continue;
        }
        if (gitConfig(m.source)) {
          if (!m.readOnly) report(m.loc, `${l.name} mounts ${m.source} (git's configuration) writable: the agent can add core.fsmonitor, core.pager or an alias that runs on the host the next time you use git there. Mount it read-only (:ro) or copy the few settings the agent needs.`, { severity: 'warning', fix: readOnlyMountFix(model, l, m) });
          continue;
        }
        const target = m.target && !agentLogin(m.source) ? credentialTarget(m.target) : undefined;
        if (target) {
          report(m.loc, `${l.name} mounts ${m.source} where the container keeps ${target} (${m.target})${m.readOnly ? ', read-only, which still lets the agent read and send it' : ''}. A prompt-injected agent can use or leak it. Pass a short-lived, narrowly scoped credential instead.`);
          continue;
        }
        const login = agentLogin(m.source);
        // Session data inside the login folder (history, todos, transcripts) holds no settings, hooks or tokens.
        if (!login || agentSessionData(m.source)) continue;
        if (m.readOnly) {
          report(m.loc, `${l.name} mounts the ${login} (${m.source}) read-only. This is the documented way to sign in; keep it read-only and keep this container away from other credentials.`, { severity: 'note' });
        } else {
          report(m.loc, `${l.name} mounts the ${login} (${m.source}) writable: the agent can change its own settings and hooks, which run on the host the next time you use it there. Mount it read-only (:ro).`, { severity: 'warning', fix: readOnlyMountFix(model, l, m, LOGIN_READ_ONLY) });
        }
      }
    }
  },
});
