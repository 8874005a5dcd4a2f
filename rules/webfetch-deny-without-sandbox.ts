import { defineRule } from '../src/rule.js';
import { claudePolicies, sandbox, sandboxStateText } from '../src/model/policy/facts.js';
import { webFetchDomain } from '../src/model/policy/permission-rule.js';

export default defineRule({
  id: 'webfetch-deny-without-sandbox',
  title: 'WebFetch domain deny rule used as a network block without the sandbox',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'network',
  tags: ['security', 'agent-policy', 'claude-code', 'network', 'CWE-693'],
  docs: `A \`WebFetch(domain:…)\` deny (or ask) rule is meant to keep the agent away from a host, but the effective Claude Code sandbox is off. Without the sandbox the rule binds only the WebFetch tool: \`curl\`, \`wget\`, \`git clone\` or a Python script in Bash reach the host as before. With the sandbox on, Claude Code copies these rules into the sandbox proxy's denied domains and they hold for Bash too.

All such rules of one settings set are one finding, at the first rule, naming the others.

**Changed in 0.2:** one finding per gap instead of one per rule: the rules are bypassed for the same reason and one change fixes them all. Source: code.claude.com/docs/en/permissions#bash.

The effective sandbox state is the merged one: \`sandbox.enabled: false\` in \`.claude/settings.local.json\` overrides \`true\` in \`.claude/settings.json\`, and the finding says which file decided.

Sources: code.claude.com/docs/en/permissions#bash ("using WebFetch alone doesn't prevent network access. If Bash is allowed, Claude can still use curl, wget…"); the settings-to-sandbox conversion in @anthropic-ai/claude-code 2.1.197; reproduced on Claude Code 2.0.31 (zenn.dev/tomioka, "Claude CodeのSandboxing機能を試してみる:ネットワーク分離": with the sandbox off, \`git clone https://github.com/…\` succeeded despite \`WebFetch(domain:github.com)\` in deny).

## Why it matters
The user believes the host is blocked; the agent (or a prompt injection) fetches from it or uploads to it with one shell command.

## How to fix
Turn the sandbox on, so the deny rule reaches the network layer, or block the host in the container's firewall.

Before:
\`\`\`json
{ "permissions": { "deny": ["WebFetch(domain:github.com)"] } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "enabled": true, "failIfUnavailable": true }, "permissions": { "deny": ["WebFetch(domain:github.com)"] } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      if (sandbox(p.claude).on) continue;
      const rules = p.claude.rules.filter((r) => r.list !== 'allow' && webFetchDomain(r) !== undefined);
      if (rules.length === 0) continue;
      // One gap (no sandbox), one finding naming every domain rule it leaves to the WebFetch tool.
      const [first, ...more] = rules;
      const named = [`\`${first.raw}\``, ...more.map((x) => `\`${x.raw}\` (${x.file === first.file ? '' : `${x.file}:`}line ${x.loc.start.line})`)].join(', ');
      const hosts = rules.map((r) => webFetchDomain(r)!).join(', ');
      report(first.loc, `${named} in ${first.file} ${more.length ? 'apply' : 'applies'} only to the WebFetch tool: ${sandboxStateText(p.claude)}, so \`curl\`, \`git clone\` or any script in Bash still reaches ${hosts}. Enable the sandbox (\`sandbox.enabled: true\`) so the ${more.length ? 'rules are' : 'rule is'} enforced for Bash too, or block the host${more.length ? 's' : ''} at the network.`);
    }
  },
});
