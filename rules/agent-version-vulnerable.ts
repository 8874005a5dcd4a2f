import { defineRule } from '../src/rule.js';
import { CLAUDE_CODE_FIXES, compareVersions } from '../src/model/policy/versions.js';
import { installedPackages, isExactVersion, runnerPackages } from '../src/model/packages.js';
import type { Loc } from '../src/types.js';

const PKG = '@anthropic-ai/claude-code';
/** The build argument Anthropic's reference devcontainer uses for the version. */
const VERSION_ARG = 'CLAUDE_CODE_VERSION';

export default defineRule({
  id: 'agent-version-vulnerable',
  title: 'Agent CLI pinned below a security fix',
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  dimension: 'supply-chain',
  opens: true,
  tags: ['security', 'agent-policy', 'claude-code', 'supply-chain', 'CWE-1104'],
  docs: `An agent CLI is pinned to a version older than a known security fix: \`@anthropic-ai/claude-code@<version>\` installed or run by any command (\`npm i -g\`, \`pnpm add -g\`, \`npx\`, \`bunx\`, \`npm exec\`) in a Dockerfile \`RUN\`/\`CMD\`, a script, a compose or devcontainer command, a Claude hook or an MCP server, with the version written in place or taken from a Dockerfile \`ARG\` default (the finding then points at the default), and \`CLAUDE_CODE_VERSION\` build arguments of a devcontainer or compose service (the form Anthropic's reference devcontainer uses). A version that is only mentioned (\`echo\`, a comment) is not judged. Fixes checked:

| fixed in | issue |
|---|---|
| 1.0.111 | project hooks and MCP servers ran before the trust dialog (CVE-2025-59536) |
| 2.0.65 | a project's \`ANTHROPIC_BASE_URL\` received the API key before trust (CVE-2026-21852) |
| 2.1.2 | the sandbox did not protect a missing \`.claude/settings.json\` (CVE-2026-25725) |
| 2.1.7 | deny rules were not enforced through symlinks (CVE-2026-25724) |
| 2.1.53 | a project's \`bypassPermissions\` skipped the trust dialog (GHSA-mmgp-wc2j-qcv7) |
| 2.1.224 | \`denyRead\`/\`denyWrite\` entries with a trailing slash could be bypassed (changelog) |
| 2.1.257 | a repository's \`defaultMode: "bypassPermissions"\` was honoured |

Sources: CHANGELOG.md of anthropics/claude-code; the CVE entries as summarised by Check Point Research and SentinelOne (the official advisory texts were not read: the versions are as reported there). Version ranges (\`^2.0.0\`) and tags (\`latest\`) are not judged.

## Why it matters
A pinned version stays vulnerable forever; in a container image it is what every agent session runs.

## How to fix
Before:
\`\`\`dockerfile
RUN npm install -g @anthropic-ai/claude-code@1.0.100
\`\`\`
After:
\`\`\`dockerfile
RUN npm install -g @anthropic-ai/claude-code@2.1.331
\`\`\``,
  check(model, report) {
    const judge = (version: string, loc: Loc, how: string) => {
      const missed = CLAUDE_CODE_FIXES.filter((f) => compareVersions(version, f.version) < 0);
      if (missed.length === 0) return;
      const latest = missed[missed.length - 1];
      report(loc, `${PKG} ${how} ${version}, below ${missed.length === 1 ? 'a security fix' : `${missed.length} security fixes`}: ${missed.map((m) => `${m.version} (${m.what})`).join('; ')}. Pin ${latest.version} or later.`);
    };
    // Installed or run by a command: `npm i -g`, `npx`, `pnpm add -g`, hooks, MCP servers, Dockerfile RUN/CMD.
    for (const c of model.commands ?? []) {
      for (const ref of [...runnerPackages(c), ...installedPackages(c)]) {
        if (ref.ecosystem !== 'npm' || ref.name !== PKG || !isExactVersion(ref.version)) continue;
        // A version that comes from an ARG default is fixed at the default, so the finding goes there.
        const arg = /\$\{?([A-Za-z_]\w*)/.exec(ref.word.text)?.[1];
        const def = arg ? c.dockerfile?.env.filter((e) => e.keyword === 'ARG' && e.name === arg && e.value !== null).at(-1) : undefined;
        judge(ref.version!, def?.valueLoc ?? ref.word.loc, def ? `is installed (${ref.tool}) at the ARG ${arg} default` : `is pinned (${ref.tool}) to`);
      }
    }
    // The version passed as a build argument by a devcontainer or compose file overrides the Dockerfile's default.
    for (const l of model.launches) {
      for (const a of l.buildArgs) {
        if (a.name === VERSION_ARG && a.value !== undefined && isExactVersion(a.value.trim())) judge(a.value.trim(), a.valueLoc, `is built (${l.name} build argument ${VERSION_ARG}) at`);
      }
    }
  },
});
