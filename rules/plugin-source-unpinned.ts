import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'plugin-source-unpinned',
  title: 'Marketplace plugin not pinned to a commit',
  severity: 'note',
  securitySeverity: 4.0,
  precision: 'high',
  dimension: 'supply-chain',
  tags: ['security', 'supply-chain', 'claude-code', 'CWE-829'],
  docs: `A plugin in a Claude Code \`.claude-plugin/marketplace.json\` comes from a source that can change under the same name: \`github\`, \`url\`, \`git-subdir\` without a \`sha\` (a \`ref\` is a branch or tag, both movable), \`npm\` without an exact \`version\`, \`archive\` without \`sha256\`. A relative path (the plugin lives in the marketplace's own repository) is pinned by that repository and quiet. Sources: code.claude.com/docs/en/plugin-marketplaces (plugin sources, \`sha\`), /plugins-reference (a plugin's hooks, MCP servers and \`bin/\` run once it is enabled) (anchors/agent-surfaces.md §1.4). New in 0.2 (issue 12).

## Why it matters
An installed plugin runs code: its hooks at every session start, its MCP servers, its \`bin/\` on the Bash tool's PATH. Whoever controls the source repository (or takes over its account) changes that code for every user at the next update.

## How to fix
Pin each plugin to a full commit.

Before:
\`\`\`json
{ "plugins": [{ "name": "lint", "source": { "source": "github", "repo": "acme/lint-plugin" } }] }
\`\`\`
After:
\`\`\`json
{ "plugins": [{ "name": "lint", "source": { "source": "github", "repo": "acme/lint-plugin", "sha": "3f1ef7c2d4b5a6978e0f1a2b3c4d5e6f70819a2b" } }] }
\`\`\``,
  check(model, report) {
    for (const a of model.agentFiles ?? []) {
      for (const p of a.pluginSources) {
        if (!p.unpinned) continue;
        report(p.loc, `Plugin "${p.plugin}" in ${p.file} comes from a ${p.type} source with ${p.unpinned}: its hooks, MCP servers and scripts can change for every user at the next update. Pin it to a full commit (\`sha\`${p.type === 'npm' ? ', or an exact `version`' : ''}).`);
      }
    }
  },
});
