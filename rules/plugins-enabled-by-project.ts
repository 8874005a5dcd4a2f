import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import { get, isMap, isScalar, str } from '../src/parse/tree.js';

export default defineRule({
  id: 'plugins-enabled-by-project',
  title: 'The repository enables Claude Code plugins',
  severity: 'note',
  securitySeverity: 5.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'supply-chain', 'claude-code', 'CWE-829'],
  docs: `\`enabledPlugins\` in the shared \`.claude/settings.json\` turns plugins on for everyone who trusts the folder: their hooks, MCP servers, monitors and \`bin/\` then run with each user's rights. A note; a warning when the plugin's marketplace (\`name@marketplace\`) is added by the same repository's \`extraKnownMarketplaces\`, because then the repository both supplies the code and turns it on (Anthropic's \`claude-plugins-official\` marketplace, or one from an \`anthropics/\` repository, is not counted as supplied by the repository). Entries set to \`false\` are quiet, as are user and local settings (the user chose). Sources: code.claude.com/docs/en/settings (\`enabledPlugins\`, \`extraKnownMarketplaces\`: offered after exact-folder trust), /discover-plugins, /plugins-reference (anchors/agent-surfaces.md §1.4). New in 0.2 (issue 12).

## Why it matters
A pull request that changes the marketplace entry, or the plugin's own repository, changes what runs at every contributor's next session start.

## How to fix
Recommend plugins in the README and let each user enable them; if the repository must enable one, pin its marketplace source and the plugin to a commit.

Before:
\`\`\`json
{ "extraKnownMarketplaces": { "team": { "source": { "source": "github", "repo": "acme/plugins" } } }, "enabledPlugins": { "deploy@team": true } }
\`\`\`
After:
\`\`\`json
{ "extraKnownMarketplaces": { "team": { "source": { "source": "github", "repo": "acme/plugins" } } } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const project = p.claude.sources.filter((s) => s.scope === 'project');
      // Anthropic's own marketplace, added by name, is not code the repository supplies.
      const official = (name: string, source: unknown) => name === 'claude-plugins-official' || (typeof source === 'string' && source.startsWith('anthropics/'));
      const ownMarkets = new Set(project.flatMap((s) => {
        const m = get(s.tree, 'extraKnownMarketplaces');
        return isMap(m) ? m.entries.filter((e) => !official(e.key, str(get(get(e.value, 'source'), 'repo')))).map((e) => e.key) : [];
      }));
      for (const s of project) {
        const enabled = get(s.tree, 'enabledPlugins');
        if (!isMap(enabled)) continue;
        for (const e of enabled.entries) {
          if (!isScalar(e.value) || e.value.value !== true) continue;
          const market = e.key.includes('@') ? e.key.slice(e.key.lastIndexOf('@') + 1) : undefined;
          const own = market !== undefined && ownMarkets.has(market);
          report(e.keyLoc, `\`enabledPlugins\` in ${s.file} turns on plugin "${e.key}" for everyone who trusts this folder${own ? `, from the marketplace "${market}" that this repository adds itself (extraKnownMarketplaces)` : ''}: its hooks, MCP servers and scripts run with each user's rights. Let users enable plugins themselves${own ? ', or pin the marketplace and plugin to a commit' : ''}.`, { severity: own ? 'warning' : 'note' });
        }
      }
    }
  },
});
