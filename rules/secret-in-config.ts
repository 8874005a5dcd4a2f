import { defineRule } from '../src/rule.js';
import { secretIn } from '../src/model/secrets.js';
import type { EnvEntry } from '../src/model/launch.js';

export default defineRule({
  id: 'secret-in-config',
  title: 'Literal secret in configuration',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'medium',
  tags: ['security', 'secrets', 'CWE-798'],
  docs: `A secret is written as a literal value in an environment variable, build argument or label: compose \`environment\`/\`build.args\`/\`labels\`, devcontainer \`containerEnv\`/\`remoteEnv\`/\`build.args\`, Dockerfile \`ENV\`/\`ARG\` defaults and \`LABEL\`, \`docker run -e NAME=value\`/\`--label\` (in scripts and in any command that starts a container, MCP servers included), \`.mcp.json\` and Codex \`mcp_servers\` \`env\` and \`headers\`, Claude Code settings \`env\`. It recognises known token shapes (\`sk-ant-…\`, \`sk-…\`, \`AKIA…\`, \`ghp_…\`, \`github_pat_…\`, \`glpat-…\`, \`xox[bp]-…\`, private key blocks) anywhere, and variables named like secrets (\`*_KEY\`, \`*_TOKEN\`, \`*_SECRET\`, \`*PASSWORD*\`) with a literal value. Placeholders (\`\${VAR}\`, \`$VAR\`, \`<your-key>\`, \`changeme\`, \`xxx\`, empty) do not fire. The message shows only the first characters of the value.

## Why it matters
A committed secret is readable by everyone with the repository, stays in its history, and in a Dockerfile stays in every image layer. It is also in the agent's environment, one \`env\` away from a prompt injection.

## How to fix
Rotate the secret first: it has leaked. Then pass it from the host at run time.

Before:
\`\`\`yaml
environment:
  ANTHROPIC_API_KEY: sk-ant-api03-…
\`\`\`
After:
\`\`\`yaml
environment:
  ANTHROPIC_API_KEY: \${ANTHROPIC_API_KEY}
\`\`\``,
  check(model, report) {
    const check = (where: string, e: EnvEntry) => {
      const hit = secretIn(e.name, e.value);
      if (hit) report(e.valueLoc, `${where} holds ${hit.what} as a literal (${hit.masked}): anyone with the repository, the image or the agent's environment can read it. Rotate it and pass it from the host at run time instead.`, { redact: true });
    };
    for (const l of model.launches) {
      for (const e of l.env) check(`${l.name} environment variable ${e.name}`, e);
      for (const e of l.buildArgs) check(`${l.name} build argument ${e.name}`, e);
      for (const e of l.labels) check(`${l.name} label ${e.name}`, e);
    }
    for (const p of model.policies) {
      for (const e of p.settingsEnv) check(`Claude Code settings env ${e.name}`, e);
      for (const s of p.mcpServers) {
        for (const e of s.env) check(`MCP server "${s.name}" env ${e.name}`, e);
        for (const e of s.headers) check(`MCP server "${s.name}" header ${e.name}`, e);
      }
    }
    for (const d of model.dockerfiles) {
      for (const e of d.env) {
        if (e.value === null) continue;
        check(`Dockerfile ${e.keyword} ${e.name}`, { name: e.name, value: e.value, loc: e.loc, valueLoc: e.valueLoc });
      }
    }
  },
});
