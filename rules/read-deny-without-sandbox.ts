import { defineRule } from '../src/rule.js';
import { SECRET_PATH, claudePolicies, sandbox, sandboxStateText } from '../src/model/policy/facts.js';

export default defineRule({
  id: 'read-deny-without-sandbox',
  title: 'Secret deny rules without the sandbox',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'credentials',
  tags: ['security', 'agent-policy', 'claude-code', 'secrets', 'CWE-693'],
  docs: `\`Read(…)\` or \`Edit(…)\` deny rules protect secrets (\`.env\`, \`secrets/**\`, \`*.pem\`, \`~/.ssh\`, \`~/.aws\`) while the effective Claude Code sandbox is off. These rules bind Claude's own file tools and the simple Bash file commands it recognises (\`cat\`, \`head\`, \`sed\`…), not an arbitrary program: \`python -c 'print(open(".env").read())'\`, a node script or \`grep -r\` from a parent folder still read the file. With the sandbox on, Claude Code turns \`Read\` denies into the sandbox's \`denyRead\` and the OS enforces them.

All such \`Read\` rules of one settings set are one finding, at the first rule, naming the others (and all \`Edit\` rules another): they are bypassed for the same reason, and one change (the sandbox) fixes them all.

**Changed in 0.2:** one finding per gap instead of one per rule (\`Read(.env)\` and \`Read(**/.env)\` were two findings for one missing sandbox). Rules Claude Code never matches (for example \`Read(/etc/…)\` with one slash) are left to \`ineffective-permission-rule\`. Source: code.claude.com/docs/en/permissions#read-and-edit.

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
      const secretDenies = p.claude.rules.filter((r) => r.list === 'deny' && (r.tool === 'Read' || r.tool === 'Edit') && !r.malformed && !r.inert && r.specifier && SECRET_PATH.test(r.specifier));
      // One gap (the sandbox is off), one finding per tool: it names every deny rule it leaves to the file tools.
      for (const tool of ['Read', 'Edit']) {
        const rules = secretDenies.filter((r) => r.tool === tool);
        if (rules.length === 0) continue;
        const [first, ...more] = rules;
        const named = [`\`${first.raw}\``, ...more.map((x) => `\`${x.raw}\` (${x.file === first.file ? '' : `${x.file}:`}line ${x.loc.start.line})`)].join(', ');
        const them = more.length ? 'these deny rules bind' : 'this deny rule binds';
        const files = more.length ? 'the files' : 'the file';
        const script = tool === 'Read' ? `a script (\`python -c "open('…').read()"\`) still reads ${files}` : `a script or a shell redirect (\`echo … > .env\`) still writes ${files}`;
        report(first.loc, `${named} in ${first.file}: ${them} only Claude's file tools and simple shell commands, because ${sandboxStateText(p.claude)}, so ${script}. Enable the sandbox so the OS enforces the deny.`);
      }
    }
  },
});
