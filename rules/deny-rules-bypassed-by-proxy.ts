import { defineRule } from '../src/rule.js';
import { claudePolicies, sandbox } from '../src/model/policy/facts.js';
import { webFetchDomain } from '../src/model/policy/permission-rule.js';
import { scalarOf } from '../src/model/policy/settings.js';

export default defineRule({
  id: 'deny-rules-bypassed-by-proxy',
  title: 'Domain rules not enforced behind a custom sandbox proxy',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'network',
  tags: ['security', 'agent-policy', 'claude-code', 'network', 'CWE-693'],
  docs: `The Claude Code sandbox is on and \`sandbox.network.httpProxyPort\` or \`socksProxyPort\` sends its traffic to your own proxy, while \`WebFetch(domain:…)\` allow/deny rules or \`sandbox.network.allowedDomains\`/\`deniedDomains\` are written as if Claude Code enforced them. With a custom port, Claude Code and its sandbox runtime stop filtering domains for that protocol: only the proxy's own ACL decides. The finding points at the port and names every domain rule it switches off.

**Changed in 0.2:** one finding per port instead of one per domain rule plus one per port: the rules are bypassed for the same reason and one change fixes them all (issue "one gap, one finding"). Source: code.claude.com/docs/en/settings-reference (\`sandbox.network.httpProxyPort\`, \`socksProxyPort\`).

Sources: @anthropic-ai/sandbox-runtime 0.0.83 \`sandbox-config.js\` and README ("the external proxy must handle domain filtering"; the sandbox manager skips its own HTTP proxy when the port is set); code.claude.com/docs/en/settings-reference (\`sandbox.network.httpProxyPort\`); reproduced on Claude Code 2.0.31 with Squid on port 3128 (zenn.dev/tomioka, "ネットワーク分離": \`WebFetch(domain:github.com)\` in deny, \`git clone\` from github.com succeeded and appeared in Squid's log). Setting only one of the two ports keeps the built-in filter for the other protocol. On builds after ~2.1.240 a project's port is ignored when managed settings lock the domains (\`allowManagedDomainsOnly\`).

## Why it matters
The user reads a deny list and believes the host is blocked; the proxy on the port, which may allow everything, is the only control.

## How to fix
Put the domain policy in the proxy's ACL (and remove the rules that suggest otherwise), or drop the custom port and let the sandbox enforce the rules.

Before:
\`\`\`json
{ "sandbox": { "enabled": true, "network": { "httpProxyPort": 3128 } }, "permissions": { "deny": ["WebFetch(domain:github.com)"] } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "enabled": true }, "permissions": { "deny": ["WebFetch(domain:github.com)"] } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const c = p.claude;
      if (!sandbox(c).on) continue;
      const ports = (['httpProxyPort', 'socksProxyPort'] as const).flatMap((k) => {
        const e = c.get('sandbox', 'network', k);
        return e && scalarOf(e) !== null && scalarOf(e) !== undefined ? [{ key: k, e }] : [];
      });
      if (ports.length === 0) continue;
            const domainRules = [
        ...c.rules.filter((r) => webFetchDomain(r) !== undefined).map((r) => ({ loc: r.loc, file: r.file, what: `\`${r.raw}\`` })),
        ...['allowedDomains', 'deniedDomains'].flatMap((k) => c.list('sandbox', 'network', k).map((i) => ({ loc: i.loc, file: i.file, what: `\`${i.value ?? '?'}\` in sandbox.network.${k}` }))),
      ];
      if (domainRules.length === 0) continue;
      // One gap per port: the finding sits on the port and names every domain rule the proxy now decides.
      const named = domainRules.map((r) => `${r.what} (${r.file}:${r.loc.start.line})`);
      const list = named.length > 6 ? `${named.slice(0, 6).join(', ')} and ${named.length - 6} more` : named.join(', ');
      for (const x of ports) {
        report(x.e.keyLoc, `\`sandbox.network.${x.key}: ${String(scalarOf(x.e))}\` in ${x.e.file} routes sandboxed traffic through your own proxy, which switches off Claude Code's domain rules for that protocol: ${list} ${domainRules.length > 1 ? 'are' : 'is'} not enforced there, only the proxy's ACL decides. Enforce the rules in the proxy, or remove the port.`);
      }
    }
  },
});
