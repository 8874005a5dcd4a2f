import { defineRule } from '../src/rule.js';
import { CRITICAL_CAPABILITIES as CRITICAL, capabilityName } from '../src/model/capabilities.js';
import type { ProjectModel } from '../src/model/project.js';
import type { ContainerLaunch } from '../src/model/launch.js';
import { launchUser } from '../src/model/container-user.js';

const NETWORK: Record<string, string> = {
  NET_ADMIN: 'changing interfaces, routes and firewall rules (needed by in-container firewalls such as init-firewall.sh)',
  NET_RAW: 'raw sockets: spoofed packets and traffic that skips a proxy (needed by some in-container firewalls)',
};

/** NET_RAW alone, re-added after `cap_drop: [ALL]`, for a non-root user who cannot gain privileges: a note. */
function quietNetRaw(model: ProjectModel, l: ContainerLaunch): boolean {
  const caps = (list: ContainerLaunch['capAdd']) => list.map((c) => capabilityName(c.value));
  return caps(l.capDrop).includes('ALL') && caps(l.capAdd).every((c) => c === 'NET_RAW')
    && l.securityOpt.some((o) => /^no-new-privileges(?:[:=](?:true|1))?$/i.test(o.value.trim()))
    && launchUser(model, l).root === false;
}

export default defineRule({
  id: 'dangerous-capability',
  title: 'Dangerous Linux capability added',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `A capability that breaks container isolation is added with \`cap_add\`, \`--cap-add\` or devcontainer \`capAdd\`: \`ALL\`, \`SYS_ADMIN\`, \`SYS_PTRACE\`, \`SYS_MODULE\`, \`DAC_READ_SEARCH\`, \`SYS_RAWIO\`, \`BPF\`, \`PERFMON\`, \`SYS_BOOT\`, \`MAC_ADMIN\` are errors. \`NET_ADMIN\` and \`NET_RAW\` are warnings: an in-container egress firewall (Anthropic's \`init-firewall.sh\`) needs them, but so does an agent that wants to undo that firewall, so pair them with a non-root user and no passwordless sudo.

\`NET_RAW\` alone, re-added after \`cap_drop: [ALL]\` for a non-root user with no-new-privileges, is a note: the user can send raw packets but cannot gain more (0.2, issue 10).

## Why it matters
Each of these gives a process in the container a documented path to the host kernel or to other processes.

## How to fix
Remove the capability. If a setup step needs it, run that step at build time or in a separate, short-lived container.

Before:
\`\`\`json
"capAdd": ["SYS_ADMIN"]
\`\`\`
After:
\`\`\`json
"runArgs": ["--cap-drop=ALL"]
\`\`\``,
  check(model, report) {
    for (const l of model.launches) {
      // One finding per capability and container (devcontainer capAdd and runArgs can both add it).
      const seen = new Set<string>();
      const inOrder = [...l.capAdd].sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column));
      for (const c of inOrder) {
        const cap = capabilityName(c.value);
        if (seen.has(cap)) continue;
        seen.add(cap);
        if (CRITICAL[cap]) {
          report(c.loc, `${l.name} adds the ${cap} capability: ${CRITICAL[cap]}. An agent in the container can use it to reach the host. Remove it.`);
        } else if (cap === 'NET_RAW' && quietNetRaw(model, l)) {
          report(c.loc, `${l.name} adds back NET_RAW after dropping every capability, for a non-root user with no-new-privileges: raw sockets (ping, spoofed packets) stay possible, but the user cannot gain more. Remove it if nothing needs ping.`, { severity: 'note' });
        } else if (NETWORK[cap]) {
          report(c.loc, `${l.name} adds the ${cap} capability: ${NETWORK[cap]}. If a firewall needs it, make sure the agent's user cannot use it (non-root, no passwordless sudo); otherwise remove it.`, { severity: 'warning' });
        }
      }
    }
  },
});
