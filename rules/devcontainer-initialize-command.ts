import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'devcontainer-initialize-command',
  title: 'devcontainer initializeCommand runs on the host',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'very-high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-829'],
  docs: `The devcontainer has an \`initializeCommand\`. It runs on the host, outside every sandbox, each time the folder is opened in a dev container (before the container exists), with the user's full rights.

## Why it matters
The dev container is the agent's sandbox, but \`.devcontainer/devcontainer.json\` is a file in the repository: an agent (or a pull request) that edits it gets code execution on the developer's machine at the next "Reopen in Container". Every command here deserves the scrutiny of a script you run by hand.

## How to fix
Move the work into the container (\`onCreateCommand\`, \`postCreateCommand\`) or into a documented manual step. If it must stay, keep it trivial and protect \`.devcontainer/\` from the agent (mount it read-only, see \`host-exec-path-writable\`).

Before:
\`\`\`json
"initializeCommand": "cp ~/.npmrc .devcontainer/.npmrc"
\`\`\`
After:
\`\`\`json
"postCreateCommand": "npm ci"
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      for (const c of l.hostCommands) {
        report(c.loc, `${l.name} runs "${c.value.trim().slice(0, 60)}" on the host as initializeCommand, outside every sandbox, whenever the folder is opened: whoever can edit devcontainer.json (an agent, a pull request) runs code on your machine. Move it into the container (postCreateCommand) or remove it.`);
      }
    }
  },
});
