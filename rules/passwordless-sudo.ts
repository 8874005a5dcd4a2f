import { defineRule } from '../src/rule.js';
import { programOf, shellScriptArg } from '../src/model/command.js';

const WRITERS = new Set(['echo', 'printf', 'cat', 'tee']);

/** A sudoers grant of every command without a password: `NOPASSWD: ALL`, `NOPASSWD:ALL`, `(ALL) NOPASSWD: ALL`. */
const NOPASSWD_ALL = /NOPASSWD\s*:\s*(?:\([^)]*\)\s*)?ALL\b/;

export default defineRule({
  id: 'passwordless-sudo',
  title: "Agent's user gets passwordless sudo for everything",
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'privilege',
  tags: ['security', 'container', 'CWE-250'],
  docs: `A Dockerfile or setup command writes a sudoers line that grants \`NOPASSWD: ALL\` (\`echo "node ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/node\`, \`… | tee /etc/sudoers.d/…\`, \`>> /etc/sudoers\`, \`COPY sudoers /etc/sudoers.d/…\` of such a file from the build context, or a \`COPY <<EOF /etc/sudoers.d/…\` heredoc that writes it inline; 0.2: heredocs were added after a real Dockerfile wrote its grant that way). Sudo scoped to one script (\`NOPASSWD: /usr/local/bin/init-firewall.sh\`) does not fire.

## Why it matters
Root in the container undoes every in-container control: it can flush the egress firewall (\`iptables -F\`), read other users' files and use every capability the container kept. Anthropic's reference devcontainer gives its user sudo for \`init-firewall.sh\` only, for this reason.

## How to fix
Before:
\`\`\`dockerfile
RUN echo "node ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/node
\`\`\`
After:
\`\`\`dockerfile
RUN echo "node ALL=(root) NOPASSWD: /usr/local/bin/init-firewall.sh" > /etc/sudoers.d/node-firewall \\
 && chmod 0440 /etc/sudoers.d/node-firewall
\`\`\``,
  check(model, report) {
    const writesSudoers = (s: string) => /sudoers/.test(s);
    for (const c of model.commands) {
      // The grant must be what the command writes (echo/printf arguments, a cat/tee heredoc), not what it
      // searches for or deletes (`grep "NOPASSWD: ALL"`, `sed -i '/NOPASSWD: ALL/d'`); a `sh -c` is judged inside.
      const prog = programOf(c);
      const written = WRITERS.has(prog) && (NOPASSWD_ALL.test(c.words.slice(1).map((w) => w.text).join(' ')) || (/<</.test(c.statement) && NOPASSWD_ALL.test(c.statement)));
      if (!written || shellScriptArg(c.words)) continue;
      const piped = model.commands.some((d) => d.pipedFrom === c && writesSudoers(d.statement));
      if (!writesSudoers(c.statement) && !piped) continue;
      report(c.loc, `This ${c.source} grants passwordless sudo for every command (NOPASSWD: ALL): the agent's user can become root and undo every in-container control, the egress firewall included. Allow only the script that needs root (NOPASSWD: /usr/local/bin/init-firewall.sh).`);
    }
    for (const d of model.dockerfiles) {
      for (const c of d.copies) {
        for (const s of c.sudoers ?? []) {
          if (!NOPASSWD_ALL.test(s.text)) continue;
          report(s.source.loc, `${c.keyword} ${s.source.value} installs a sudoers file that grants passwordless sudo for every command (NOPASSWD: ALL): the agent's user can become root and undo every in-container control. Allow only the script that needs root.`);
        }
      }
    }
  },
});
