import { defineRule } from '../src/rule.js';
import { SECRET_PATH, claudePolicies, sandbox, sandboxStateText } from '../src/model/policy/facts.js';

export default defineRule({
  id: 'read-deny-without-sandbox',
  title: 'Secret deny rules without the sandbox',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  tags: ['security', 'agent-policy', 'claude-code', 'secrets', 'CWE-693'],
  docs: `\`Read(…)\` or \`Edit(…)\` deny rules protect secrets (\`.env\`, \`secrets/**\`, \`*.pem\`, \`~/.ssh\`, \`~/.aws\`) while the effective Claude Code sandbox is off. These rules bind Claude's own file tools and the simple Bash file commands it recognises (\`cat\`, \`head\`, \`sed\`…), not an arbitrary program: \`python -c 'print(open(".env").read())'\`, a node script or \`grep -r\` from a parent folder still read the file. With the sandbox on, Claude Code turns \`Read\` denies into the sandbox's \`denyRead\` and the OS enforces them.

Sources: code.claude.com/docs/en/permissions#read-and-edit ("OS-level enforcement needs the sandbox"); bypass reports anthropics/claude-code#28008, #70369, #91690 (the last still on 2.1.259).

## Why it matters
The deny list reads like protection; an agent told by a prompt injection to "debug the config" prints the \`.env\` with a one-line script.

## How to fix
Enable the sandbox so the denies are enforced by the OS, and keep secrets out of the workspace where you can.

Before:
\`\`\`json
{ "permissions": { "deny": ["Read(./.env)", "Read(~/.aws/**)"] } }
\`\`\`
After:
\`\`\`json
{ "sandbox": { "enabled": true, "failIfUnavailable": true }, "permissions": { "deny": ["Read(./.env)", "Read(~/.aws/**)"] } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      if (sandbox(p.claude).on) continue;
      for (const r of p.claude.rules) {
        if (r.list !== 'deny' || (r.tool !== 'Read' && r.tool !== 'Edit') || r.malformed || !r.specifier || !SECRET_PATH.test(r.specifier)) continue;
        report(r.loc, `\`${r.raw}\` in ${r.file} binds only Claude's file tools and simple shell reads: ${sandboxStateText(p.claude)}, so a script (\`python -c "open('…').read()"\`) still reads the file. Enable the sandbox so the OS enforces the deny.`);
      }
    }
  },
});
