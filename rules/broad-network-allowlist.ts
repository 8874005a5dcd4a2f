import { defineRule } from '../src/rule.js';
import { broadDomain, broadDomainInfo, claudePolicies, sandbox } from '../src/model/policy/facts.js';
import { webFetchDomain } from '../src/model/policy/permission-rule.js';
import { get, isMap, str } from '../src/parse/tree.js';

export default defineRule({
  id: 'broad-network-allowlist',
  title: 'Network allowlist includes hosts anyone can use',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  dimension: 'network',
  tags: ['security', 'agent-policy', 'claude-code', 'network', 'CWE-200'],
  docs: `A Claude Code \`sandbox.network.allowedDomains\` entry, a \`WebFetch(domain:…)\` allow rule, or a Codex \`[permissions.<name>.network] domains\` entry set to \`allow\` names \`*\`, a whole top-level domain (\`*.com\`), or a host that carries arbitrary user content: \`github.com\`, \`*.githubusercontent.com\`, \`*.amazonaws.com\`, \`*.googleapis.com\`, cloud app hosts (\`*.workers.dev\`, \`*.vercel.app\`), paste and file-drop services, request-capture services (\`webhook.site\`), tunnels (\`ngrok\`), chat webhooks. With the sandbox on, each \`WebFetch(domain:…)\` allow rule is also added to the sandbox's allowed domains, so Bash reaches the host too.

**Changed in 0.2:** a \`WebFetch(domain:…)\` allow rule with the sandbox off is no longer a warning. Without the sandbox the rule only lets the WebFetch tool, which makes read-only GET requests, fetch from the host without a prompt; it widens nothing for Bash, which was never limited by it (code.claude.com/docs/en/permissions#bash: "using WebFetch alone doesn't prevent network access"; code.claude.com/docs/en/sandboxing: WebFetch domain rules feed the sandbox's network allowlist). Such a rule is now a \`note\` when the host shows a plain GET to whoever runs it (\`*\`, a TLD wildcard, cloud app hosts, request-capture services, tunnels), and is not reported for hosts where leaking needs a push or a POST (\`github.com\`, paste sites). With the sandbox on it stays a warning: the domain is then open to Bash too, and \`github.com\` allows a \`git push\`. \`sandbox.network.allowedDomains\` entries are judged as before.

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
      const sandboxOn = sandbox(c).on;
      for (const r of c.rules) {
        if (r.list !== 'allow') continue;
        const d = webFetchDomain(r);
        const info = d ? broadDomainInfo(d) : undefined;
        if (!info) continue;
        if (sandboxOn) {
          report(r.loc, `\`${r.raw}\` in ${r.file}: ${info.why}, so data can leave through it. The sandbox is on, so Claude Code adds the domain to the sandbox's allowed hosts and Bash reaches it too (\`git push\`, \`curl -d\`). Allow only the specific hosts the work needs.`);
        } else if (info.seesGet) {
          // Sandbox off: the rule lets only WebFetch (read-only GETs) reach the host; Bash was never limited by it.
          report(r.loc, `\`${r.raw}\` in ${r.file}: ${info.why}. The sandbox is off, so this rule only lets the read-only WebFetch tool fetch there without a prompt, but a GET's URL can still carry data to whoever runs the endpoint. Allow only the specific hosts the work needs.`, { severity: 'note' });
        }
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
