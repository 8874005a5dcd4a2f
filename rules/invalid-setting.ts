import { defineRule, type Report } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { HOOK_EVENTS, MISPLACED, TOP, isObjectSchema, suggest, typeProblem, type ObjectSchema } from '../src/model/policy/schema.js';
import { isMap, type LMap } from '../src/parse/tree.js';

/**
 * Misplaced keys that could only grant (start a server, approve a tool): ignored, they fail closed, so a note.
 * The rest (deny lists, locks, modes) fail open or silently change behaviour: a warning.
 */
const GRANTS_ONLY = new Set(['mcpServers']);

function walk(map: LMap, schema: ObjectSchema, path: string[], file: string, report: Report): void {
  const known = Object.keys(schema.keys);
  for (const e of map.entries) {
    const full = [...path, e.key].join('.');
    const moved = MISPLACED[full];
    const t = schema.keys[e.key];
    if (!t) {
      if (moved) {
        if (GRANTS_ONLY.has(full)) {
          report(e.keyLoc, `\`${full}\` in ${file} is not a Claude Code setting, so it is silently ignored: ${moved}. It would only grant something, so ignoring it fails closed (nothing is started or allowed); move it if you meant it.`, { severity: 'note' });
          continue;
        }
        report(e.keyLoc, `\`${full}\` in ${file} is not a Claude Code setting, so it is silently ignored: did you mean \`${moved}\`? Nothing it says is enforced.`, { severity: 'warning' });
        continue;
      }
      const near = suggest(e.key, known);
      if (schema.closed || near) {
        report(e.keyLoc, `\`${full}\` in ${file} is not a Claude Code setting, so it is silently ignored${near ? `: did you mean \`${[...path, near].join('.')}\`?` : '.'} Nothing it says is enforced.`, { severity: 'warning' });
      }
      continue;
    }
    if (isObjectSchema(t)) {
      if (!isMap(e.value)) report(e.value.loc, `\`${full}\` in ${file} must be an object. Claude Code rejects the value ("Settings Error"): the key is dropped, and \`claude -p\` may skip the file.`);
      else walk(e.value, t, [...path, e.key], file, report);
      continue;
    }
    const problem = typeProblem(t, e.value);
    if (problem) {
      const hint = full.endsWith('disableBypassPermissionsMode') || full.endsWith('disableAutoMode') ? ' Only the string "disable" turns the mode off; `true` leaves it on.' : '';
      report(e.value.loc, `\`${full}\` in ${file} ${problem}. Claude Code rejects the value ("Settings Error"): the setting is lost, and \`claude -p\` may skip the whole file.${hint}`);
    }
  }
}

export default defineRule({
  id: 'invalid-setting',
  title: 'Claude Code setting rejected or ignored',
  severity: 'error',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'correctness'],
  docs: `A Claude Code settings file holds a value Claude Code will not use:
- **error**: a value the schema rejects, such as \`disableBypassPermissionsMode: true\` (only \`"disable"\` is accepted), \`defaultMode: "yolo"\`, \`sandbox.enabled: "true"\` (a string), a proxy port out of range, a rule list that is not a list of strings. Claude Code reports a "Settings Error"; interactive sessions show a dialog, \`claude -p\` runs skip the broken values or file silently;
- **note** (0.2): a misplaced key that would only grant something, \`mcpServers\` in a settings file (MCP servers are defined in \`.mcp.json\` or with \`claude mcp add\`): ignored, it starts nothing, so it fails closed;
- **warning**: an unknown key in \`permissions\`, \`sandbox\`, \`sandbox.network\` or \`sandbox.filesystem\`, a misplaced or old key (\`sandbox.network.allowedHosts\`, \`permissions.allowedTools\`, a top-level \`allow\`), a top-level key one typo away from a security setting, and an unknown hook event. These objects accept unknown keys and ignore them, so the protection they describe does not exist. The message offers the likely key.

Sources: the zod settings schema of @anthropic-ai/claude-code 2.1.197 and 2.1.331 (\`permissions\`, \`sandbox\` and the top level are \`.passthrough()\`; \`disableBypassPermissionsMode\` is \`enum(["disable"])\`); code.claude.com/docs/en/settings#fix-a-broken-settings-file; anthropics/claude-code#16076 (\`allowedHosts\`). Whether a rejected value drops only its key or the whole file in non-interactive runs is not pinned down by the docs; the message says both.

Changed in 0.2: \`mcpServers\` in \`settings.json\` was a warning like every misplaced key. Its being ignored only means fewer servers, never less protection (issue 11 item 7: the level follows the failure mode), so it is a note. Source: code.claude.com/docs/en/mcp (servers live in \`.mcp.json\` or \`~/.claude.json\`, not in settings files).

## Why it matters
A misspelt deny list or a lock written as \`true\` looks like protection in review and protects nothing.

## How to fix
Before:
\`\`\`json
{ "permissions": { "disableBypassPermissionsMode": true }, "sandbox": { "network": { "allowedHosts": ["api.example.com"] } } }
\`\`\`
After:
\`\`\`json
{ "permissions": { "disableBypassPermissionsMode": "disable" }, "sandbox": { "network": { "allowedDomains": ["api.example.com"] } } }
\`\`\``,
  check(model, report) {
    // A subagent's frontmatter: Claude Code ignores unknown keys, so a restriction written with the settings
    // spelling (`allowedTools`) restricts nothing (code.claude.com/docs/en/sub-agents: only `tools` limits).
    for (const a of model.agentFiles ?? []) {
      const sub = a.subagent;
      if (!sub) continue;
      for (const k of sub.ignoredKeys) {
        const inherits = sub.tools ? `only \`tools\` (${sub.tools.names.join(', ') || 'empty'}) limits it` : 'with no `tools` key the subagent inherits every tool of the main session, MCP tools included';
        report(k.loc, `\`${k.key}\` in subagent "${sub.name}" (${a.file}) is not a subagent setting, so Claude Code ignores it: ${inherits}. Write the list as \`tools: Read, Grep, Glob\`.`, { severity: 'warning' });
      }
    }
    for (const p of claudePolicies(model)) {
      for (const s of p.claude.sources) {
        walk(s.tree, TOP, [], s.file, report);
        const hooks = s.tree.entries.filter((e) => e.key === 'hooks').at(-1)?.value;
        if (!isMap(hooks)) continue;
        for (const ev of hooks.entries) {
          if (HOOK_EVENTS.has(ev.key)) continue;
          const near = suggest(ev.key, [...HOOK_EVENTS]);
          report(ev.keyLoc, `Hook event \`${ev.key}\` in ${s.file} is unknown to Claude Code, which drops it with a warning${near ? `: did you mean \`${near}\`?` : '.'} Its hooks never run.`, { severity: 'warning' });
        }
      }
    }
  },
});
