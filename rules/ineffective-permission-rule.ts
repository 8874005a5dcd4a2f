import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import type { PermissionRule } from '../src/model/agent-policy.js';

/** `Read(/etc/…)`: one leading slash is relative to the settings file's project, not the file system root. */
const LOOKS_ABSOLUTE = /^\/(?:etc|home|Users|root|var|tmp|opt|usr|private|proc|sys|dev|Library|Volumes|mnt|srv|bin|sbin|lib|run|boot)(?:\/|$)/;

export default defineRule({
  id: 'ineffective-permission-rule',
  title: 'Permission rule that Claude Code never enforces',
  severity: 'warning',
  securitySeverity: 6.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'correctness'],
  docs: `A Claude Code permission rule that does nothing:
- **dropped** as malformed (a "Settings Warning": the entry is skipped, the rest of the file stays): unbalanced or empty parentheses, a lowercase tool name, \`:*\` anywhere but the end (\`Bash(:*)\`, \`Bash(git:* push)\`), \`:*\` in a file rule, \`WebFetch\` with a URL or without \`domain:\`, wildcards in \`WebSearch\`, MCP rules with parentheses, and in allow rules an unanchored wildcard tool name (\`*\`, \`B*\`, \`mcp__*\`);
- **never matched**: path rules on \`Write(…)\`, \`NotebookEdit(…)\`, \`MultiEdit(…)\` or \`Glob(…)\` (only \`Read\` and \`Edit\` are checked for paths; v2.1.210 and later warn at start-up), and \`Tool(param:…)\` rules on the primary input (\`Bash(command:…)\`, \`Read(file_path:…)\`, \`WebFetch(url:…)\`);
- **not what it says**: \`Read(/etc/…)\` with one leading slash is relative to the settings file's project (to \`~/.claude\` in user settings); an absolute path needs two (\`Read(//etc/…)\`); Bash patterns with colons for spaces (\`Bash(rm:-rf:/)\`, \`Bash(chmod:-R:777:*)\`: only a final \`:*\` is special, so the colons are matched literally and no real command matches); a Bash rule that names a file instead of a program (\`Bash(id_rsa)\` matches only a command called \`id_rsa\`, not \`cat ~/.ssh/id_rsa\`); a tool name that is no Claude Code tool but close to one (\`Fetch(…)\` for \`WebFetch\`).

The level follows the failure mode. An ineffective **allow** rule fails closed: the agent asks where the rule meant it not to, so it is a \`note\`. An ineffective **deny** or **ask** rule fails open: what it was meant to block or question runs, so it is a \`warning\`. Rules of one settings set with the same defect in the same list are one finding, at the first rule, naming the others.

**Changed in 0.2:** allow rules are a \`note\` (they were a warning: a rule that only causes prompts is not a security gap); one finding per defect and list instead of one per rule; colons-for-spaces Bash patterns, file names written as Bash commands and misnamed tools are new, and are all "never matched" rather than dropped. \`Bash(param:value)\` rules on the Bash tool's scalar inputs (\`run_in_background\`, \`dangerouslyDisableSandbox\`, \`timeout\`) are the documented parameter form and are not reported. Sources: code.claude.com/docs/en/permissions#permission-rule-syntax (wildcards, \`:*\` only at the end, parameter rules), /settings#fix-a-broken-settings-file ("a malformed deny rule fails open").

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
      const gaps = new Map<string, { rules: PermissionRule[]; whys: Set<string>; dropped: boolean }>();
      for (const r of p.claude.rules) {
        const found = problem(r);
        if (!found) continue;
        // Same list, same defect: one gap (Read(.env) and Read(**/.env) miss for the same reason).
        const k = `${r.list}|${found.key}`;
        const g = gaps.get(k) ?? { rules: [], whys: new Set<string>(), dropped: found.dropped };
        g.rules.push(r);
        g.whys.add(found.why);
        gaps.set(k, g);
      }
      for (const g of gaps.values()) {
        const [first, ...more] = g.rules;
        const named = [`\`${first.raw}\` in ${first.file}`, ...more.map((x) => `\`${x.raw}\` (${x.file === first.file ? '' : `${x.file}:`}line ${x.loc.start.line})`)];
        const what = more.length ? `Permission rules ${named.join(', ')} are` : `Permission rule ${named[0]} is`;
        const why = [...g.whys].join('; ');
        const state = g.dropped ? `malformed: ${why}. Claude Code drops ${more.length ? 'them' : 'it'} with only a warning` : `never enforced: ${why}`;
        const failOpen = first.list === 'allow'
          ? ` An allow rule that does nothing fails closed: the agent asks instead.`
          : ` A ${first.list} rule that does nothing fails open: the ${first.list === 'deny' ? 'action it was meant to block is allowed' : 'prompt it was meant to force does not appear'}.`;
        report(first.loc, `${what} ${state}.${failOpen}`, { severity: first.list === 'allow' ? 'note' : 'warning' });
      }
    }
  },
});

/** What is wrong with the rule, keyed by kind so repeats of one defect group together. */
function problem(r: PermissionRule): { key: string; why: string; dropped: boolean } | undefined {
  if (r.malformed) return { key: r.defect ?? 'syntax', why: r.malformed, dropped: true };
  if (r.inert) return { key: r.defect ?? 'inert', why: r.inert, dropped: false };
  if ((r.tool === 'Read' || r.tool === 'Edit') && r.specifier && LOOKS_ABSOLUTE.test(r.specifier)) {
    const base = r.scope === 'user' ? '~/.claude' : 'the project folder';
    return { key: `single-slash ${r.tool} ${base}`, why: `a path with one leading slash is relative to ${base}, not the file-system root, so \`${r.tool}(/tmp/…)\` means ${r.scope === 'user' ? '~/.claude' : '<project>'}/tmp/…; an absolute path needs two slashes (\`${r.tool}(//tmp/…)\`)`, dropped: false };
  }
  return undefined;
}
