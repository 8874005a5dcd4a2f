import { defineRule } from '../src/rule.js';
import { isExactVersion, runnerPackages } from '../src/model/packages.js';

export default defineRule({
  id: 'unpinned-npx',
  title: 'Package runner fetches an unpinned package',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'high',
  dimension: 'supply-chain',
  opens: true,
  tags: ['security', 'supply-chain', 'CWE-494'],
  docs: `A package runner downloads and runs a package without an exact version: \`npx\`, \`npm exec\`, \`pnpm dlx\`, \`yarn dlx\`, \`bunx\`, \`bun x\`, and for Python \`uvx\`, \`uv tool run\`, \`pipx run\`. \`npx -y pkg\`, \`pkg@latest\` and ranges (\`pkg@^1\`) fire; \`pkg@1.2.3\` does not, nor does \`pkg@\${VERSION}\` when a Dockerfile \`ARG VERSION=1.2.3\` pins it, nor \`--no-install\`/\`--offline\` runs. It looks in every command: scripts, Dockerfile \`RUN\`/\`CMD\`/\`ENTRYPOINT\`, compose \`command\`, devcontainer lifecycle commands, Claude Code hooks and MCP server definitions, also inside \`sh -c '…'\`.

## Why it matters
The sandbox guide behind this linter warns three times: \`npx @anthropic-ai/claude-code\` fetches whatever is newest at every start. One compromised release (a stolen npm token, a typo-squat) runs with the agent's credentials and your code, in every sandbox at once. MCP servers started with \`npx -y\` are the same risk on every agent start.

## How to fix
Pin an exact version, or install it once in the image.

Before:
\`\`\`yaml
command: npx -y @modelcontextprotocol/server-filesystem /workspace
\`\`\`
After:
\`\`\`yaml
command: npx -y @modelcontextprotocol/server-filesystem@2025.8.21 /workspace
\`\`\`
Or, in a Dockerfile: \`RUN npm install -g @anthropic-ai/claude-code@2.1.260\` and run \`claude\` directly.`,
  check(model, report) {
    for (const c of model.commands) {
      for (const p of runnerPackages(c)) {
        if (p.unknown || isExactVersion(p.version)) continue;
        const what = p.version ? `${p.name}@${p.version}, which is not one exact version` : `${p.name} with no version`;
        report(p.word.loc, `${p.tool} runs ${what} (${c.source}): every run fetches whatever the registry serves now, with the agent's credentials. Pin an exact version (${p.name}${p.ecosystem === 'npm' ? '@' : '=='}<x.y.z>) or install it in the image.`);
      }
    }
  },
});
