import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';

/** `Read(/etc/…)`: one leading slash is relative to the settings file's project, not the file system root. */
const LOOKS_ABSOLUTE = /^\/(?:etc|home|Users|root|var|tmp|opt|usr|private|proc|sys|dev|Library|Volumes|mnt|srv|bin|sbin|lib|run|boot)(?:\/|$)/;

export default defineRule({
  id: 'ineffective-permission-rule',
  title: 'Permission rule that Claude Code never enforces',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  tags: ['security', 'agent-policy', 'claude-code', 'correctness'],
  docs: `A Claude Code permission rule that does nothing:
- **dropped** as malformed (a "Settings Warning": the entry is skipped, the rest of the file stays): unbalanced or empty parentheses, a lowercase tool name, \`:*\` anywhere but the end (\`Bash(:*)\`, \`Bash(git:* push)\`), \`:*\` in a file rule, \`WebFetch\` with a URL or without \`domain:\`, wildcards in \`WebSearch\`, MCP rules with parentheses, and in allow rules an unanchored wildcard tool name (\`*\`, \`B*\`, \`mcp__*\`);
- **never matched**: path rules on \`Write(…)\`, \`NotebookEdit(…)\`, \`MultiEdit(…)\` or \`Glob(…)\` (only \`Read\` and \`Edit\` are checked for paths; v2.1.210 and later warn at start-up), and \`Tool(param:…)\` rules on the primary input (\`Bash(command:…)\`, \`Read(file_path:…)\`, \`WebFetch(url:…)\`);
- **not what it says**: \`Read(/etc/…)\` with one leading slash is relative to the settings file's project (to \`~/.claude\` in user settings); an absolute path needs two (\`Read(//etc/…)\`).

Sources: code.claude.com/docs/en/permissions#permission-rule-syntax, #read-and-edit, /settings#fix-a-broken-settings-file; the rule validator of @anthropic-ai/claude-code 2.1.197 and 2.1.331.

## Why it matters
A dropped or never-matched **deny** rule fails open: the user believes \`.env\` or \`git push\` is blocked and it is not. Claude Code says so only in a warning that \`claude -p\` never shows.

## How to fix
Write the rule in the documented form.

Before:
\`\`\`json
{ "permissions": { "deny": ["Write(./.env)", "Read(/etc/shadow)", "WebFetch(https://evil.example)"] } }
\`\`\`
After:
\`\`\`json
{ "permissions": { "deny": ["Edit(./.env)", "Read(//etc/shadow)", "WebFetch(domain:evil.example)"] } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      for (const r of p.claude.rules) {
        const failOpen = r.list === 'deny' || r.list === 'ask' ? ` A ${r.list} rule that does nothing fails open.` : '';
        if (r.malformed) {
          report(r.loc, `Permission rule \`${r.raw}\` in ${r.file} is malformed: ${r.malformed}. Claude Code drops it with only a warning.${failOpen}`);
        } else if (r.inert) {
          report(r.loc, `Permission rule \`${r.raw}\` in ${r.file} is never enforced: ${r.inert}.${failOpen}`);
        } else if ((r.tool === 'Read' || r.tool === 'Edit') && r.specifier && LOOKS_ABSOLUTE.test(r.specifier)) {
          const base = r.scope === 'user' ? '~/.claude' : 'the project folder';
          report(r.loc, `Permission rule \`${r.raw}\` in ${r.file}: a path with one leading slash is relative to ${base}, so this matches ${base}${r.specifier}, not ${r.specifier}.${failOpen} Use \`${r.tool}(/${r.specifier})\` for an absolute path.`);
        }
      }
    }
  },
});
