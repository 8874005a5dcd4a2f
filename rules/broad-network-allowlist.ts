import { defineRule } from '../src/rule.js';
import { broadDomain, claudePolicies } from '../src/model/policy/facts.js';
import { webFetchDomain } from '../src/model/policy/permission-rule.js';
import { get, isMap, str } from '../src/parse/tree.js';

export default defineRule({
  id: 'broad-network-allowlist',
  title: 'Network allowlist includes hosts anyone can use',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  tags: ['security', 'agent-policy', 'claude-code', 'network', 'CWE-200'],
  docs: `A Claude Code \`sandbox.network.allowedDomains\` entry, a \`WebFetch(domain:…)\` allow rule, or a Codex \`[permissions.<name>.network] domains\` entry set to \`allow\` names \`*\`, a whole top-level domain (\`*.com\`), or a host that carries arbitrary user content: \`github.com\`, \`*.githubusercontent.com\`, \`*.amazonaws.com\`, \`*.googleapis.com\`, cloud app hosts (\`*.workers.dev\`, \`*.vercel.app\`), paste and file-drop services, request-capture services (\`webhook.site\`), tunnels (\`ngrok\`), chat webhooks. Each \`WebFetch(domain:…)\` allow rule is also added to the sandbox's allowed domains.

Sources: code.claude.com/docs/en/sandboxing#security-limitations (broad domains allow exfiltration; the proxy decides on the client-supplied host name, so domain fronting works); developers.openai.com/codex/config-reference (permission profiles); @anthropic-ai/sandbox-runtime 0.0.83 (its CLI rejects \`*\` and \`*.tld\`; what Claude Code does with \`*\` was not verified).

## Why it matters
Exfiltration needs one reachable host where the attacker can read what arrives: a gist, an S3 bucket, a webhook URL.

## How to fix
Allow the specific hosts the work needs (the package registry, your own API), and reach GitHub through an authenticated, scoped tool rather than the open network.

Before:
\`\`\`json
{ "sandbox": { "network": { "allowedDomains": ["*.amazonaws.com", "github.com"] } } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "network": { "allowedDomains": ["registry.npmjs.org", "api.example.com"] } } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const c = p.claude;
      for (const i of c.list('sandbox', 'network', 'allowedDomains')) {
        const why = i.value ? broadDomain(i.value) : undefined;
        if (why) report(i.loc, `\`${i.value}\` in sandbox.network.allowedDomains (${i.file}): ${why}, so data can leave through it. Allow only the specific hosts the work needs.`);
      }
      for (const r of c.rules) {
        if (r.list !== 'allow') continue;
        const d = webFetchDomain(r);
        const why = d ? broadDomain(d) : undefined;
        if (why) report(r.loc, `\`${r.raw}\` in ${r.file}: ${why}, so data can leave through it (the rule is also added to the sandbox's allowed domains). Allow only the specific hosts the work needs.`);
      }
    }
    // Codex permission profiles: [permissions.<name>.network] domains = { "<pattern>" = "allow" }.
    for (const p of model.policies) {
      for (const cfg of p.codex) {
        const profiles = get(cfg.tree, 'permissions');
        if (!isMap(profiles)) continue;
        for (const prof of profiles.entries) {
          const domains = get(get(prof.value, 'network'), 'domains');
          if (!isMap(domains)) continue;
          for (const d of domains.entries) {
            const why = str(d.value) === 'allow' ? broadDomain(d.key) : undefined;
            if (why) report(d.keyLoc, `\`${d.key}\` allowed in permissions.${prof.key}.network.domains (${cfg.file}): ${why}, so data can leave through it. Allow only the specific hosts the work needs.`);
          }
        }
      }
    }
  },
});
