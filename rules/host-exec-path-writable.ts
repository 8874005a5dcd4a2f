import { defineRule } from '../src/rule.js';
import { agentContainer } from '../src/model/agent-container.js';
import { isWorkspaceSource } from '../src/model/host-paths.js';

/** Files in a repository that the host later runs or trusts. */
const PROTECTED = ['.git/hooks', '.git/config', '.devcontainer', '.vscode', '.claude'];

export default defineRule({
  id: 'host-exec-path-writable',
  title: 'Agent can write files the host later runs',
  severity: 'note',
  securitySeverity: 3.5,
  precision: 'medium',
  dimension: 'filesystem',
  tags: ['security', 'container', 'CWE-829'],
  docs: `An agent's container mounts the repository read-write (\`.:/workspace\`, \`$(pwd):/workspace\`, \`\${localWorkspaceFolder}\`, or a devcontainer's default workspace mount) and nothing mounts read-only over the files the host later runs or trusts: \`.git/hooks\`, \`.git/config\`, \`.devcontainer/\`, \`.vscode/\`, \`.claude/\`.

## Why it matters
The container is a sandbox only while nothing it writes runs outside it. An agent that can write \`.git/hooks/pre-commit\`, a \`core.fsmonitor\` line in \`.git/config\`, a devcontainer \`initializeCommand\`, a VS Code task or a Claude hook gets code execution on the host the next time you commit, reopen the folder or start the agent there.

## How to fix
Mount those paths read-only over the writable workspace, or give the agent a copy (a git worktree) that the host never runs hooks from.

Before:
\`\`\`yaml
volumes:
  - .:/workspace
\`\`\`
After:
\`\`\`yaml
volumes:
  - .:/workspace
  - ./.git:/workspace/.git:ro
  - ./.devcontainer:/workspace/.devcontainer:ro
  - ./.vscode:/workspace/.vscode:ro
  - ./.claude:/workspace/.claude:ro
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      if (!agentContainer(model, l).seen) continue;
      const overlays = l.mounts.filter((m) => m.target && (m.readOnly || m.type !== 'bind')).map((m) => m.target!.replace(/\/+$/, ''));
      const covered = (p: string) => overlays.some((t) => t.endsWith(`/${p}`) || t.endsWith(`/${p.split('/')[0]}`));
      for (const m of l.mounts) {
        if (m.readOnly || m.type !== 'bind' || !m.source || !isWorkspaceSource(m.source)) continue;
        const open = PROTECTED.filter((p) => !covered(p));
        if (open.length === 0) continue;
        const what = m.implied ? `${m.implied} (the repository, read-write)` : `the repository (${m.source}) read-write`;
        report(m.loc, `${l.name} runs an agent with ${what} and no read-only overlay for ${open.join(', ')}: the agent can plant a git hook or a devcontainer command that later runs on the host. Mount those paths read-only over the workspace.`);
      }
    }
  },
});
