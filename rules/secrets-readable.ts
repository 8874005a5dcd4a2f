import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { entry, get, items, str } from '../src/parse/tree.js';
import type { Loc } from '../src/types.js';
import { secretDenyFix } from '../src/fix/settings-fixes.js';

/** `deny`: the rules the fix adds for the target, in Claude Code's permission syntax; each matches `re`. */
const TARGETS: { name: string; re: RegExp; deny: string[] }[] = [
  { name: '`.env` files', re: /(?:^|\/|\*)\.env(?:\b|\*|$)/, deny: ['Read(./.env)', 'Read(./.env.*)'] },
  { name: '`~/.ssh`', re: /^(?:~|\$HOME|\/\/(?:home|Users)\/[^/]+|\/\/root)\/\.ssh(?:\/|$)/, deny: ['Read(~/.ssh/**)'] },
  { name: '`~/.aws`', re: /^(?:~|\$HOME|\/\/(?:home|Users)\/[^/]+|\/\/root)\/\.aws(?:\/|$)/, deny: ['Read(~/.aws/**)'] },
];

export default defineRule({
  id: 'secrets-readable',
  title: 'No deny rule covers the usual secrets',
  severity: 'note',
  securitySeverity: 4.0,
  precision: 'medium',
  dimension: 'credentials',
  tags: ['security', 'agent-policy', 'claude-code', 'secrets', 'CWE-552'],
  docs: `A project has Claude Code settings, but nothing in them keeps the agent from reading the usual secrets: no \`Read(…)\` deny rule, \`sandbox.filesystem.denyRead\` entry or \`sandbox.credentials.files\` entry covers \`.env\` files, \`~/.ssh\` or \`~/.aws\`. By default Claude Code reads the whole workspace without asking, and its sandbox leaves the whole disk readable, \`~/.ssh\` and \`~/.aws\` included; there is no built-in credential deny list.

Sources: code.claude.com/docs/en/sandboxing#filesystem-isolation, #protect-credentials; /permissions#read-and-edit. Applies to every version.

## Why it matters
The first step of most exfiltration is a read. A deny rule (enforced by the OS once the sandbox is on) is the cheap guard against an agent that was told to "check the config".

## How to fix
Before:
\`\`\`json
{ "permissions": { "allow": ["Bash(npm run test:*)"] } }
\`\`\`
After:
\`\`\`json
{
  "permissions": { "allow": ["Bash(npm run test:*)"], "deny": ["Read(./.env)", "Read(./.env.*)", "Read(~/.ssh/**)", "Read(~/.aws/**)"] },
  "sandbox": { "enabled": true, "filesystem": { "denyRead": ["~/.ssh", "~/.aws"] } }
}
\`\`\`

## Autofix
\`--fix\` adds deny rules for what is missing, in the settings file the finding points at: \`Read(./.env)\` and \`Read(./.env.*)\`, \`Read(~/.ssh/**)\`, \`Read(~/.aws/**)\`, appended to \`permissions.deny\` in the list's own layout (or a new \`deny\` list). With the sandbox off these bind Claude's file tools only, and \`read-deny-without-sandbox\` then says so: enabling the sandbox stays yours to do. With the sandbox on, Claude Code enforces them on the commands it runs as well, so a test run that loads \`.env\` or git over SSH could fail inside the sandbox: the edit is then only a suggestion (\`--fix-dry-run\`, SARIF \`fixes\`).`,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const c = p.claude;
      const covered: string[] = [
        ...c.rules.filter((r) => r.list === 'deny' && (r.tool === 'Read' || r.tool === 'Edit') && !r.malformed && r.specifier).map((r) => r.specifier!),
        ...c.list('sandbox', 'filesystem', 'denyRead').flatMap((i) => (i.value ? [i.value] : [])),
        ...c.each('sandbox', 'credentials', 'files').flatMap(({ entry: e }) => items(e.value).flatMap((f) => str(get(f, 'path')) ?? [])),
      ];
      const missing = TARGETS.filter((t) => !covered.some((x) => t.re.test(x.trim())));
      if (missing.length === 0) continue;
      const repo = c.sources.filter((s) => s.scope !== 'managed');
      const last = repo[repo.length - 1] ?? c.sources[c.sources.length - 1];
      const perms = entry(last.tree, 'permissions');
      const deny = entry(perms?.value, 'deny');
      const loc: Loc = deny?.keyLoc ?? perms?.keyLoc ?? { file: last.file, start: last.tree.loc.start, end: { line: last.tree.loc.start.line, column: last.tree.loc.start.column + 1 } };
      report(loc, `No deny rule in this project's Claude Code settings covers ${missing.map((m) => m.name).join(', ')}: the agent reads them without asking (the sandbox leaves the disk readable by default). Add \`Read(…)\` deny rules or \`sandbox.filesystem.denyRead\` entries for them.`, { fix: secretDenyFix(model, c, last, missing.flatMap((m) => m.deny)) });
    }
  },
});
