import { defineRule } from '../src/rule.js';
import { localServiceImage, secretIn, secretsInText, type SecretContext, type TextSecret } from '../src/model/secrets.js';
import type { LNode, LScalar } from '../src/parse/tree.js';
import type { TextIndex } from '../src/parse/text-index.js';
import type { FileKind, Loc } from '../src/types.js';
import { baseImage, inBuiltImage } from '../src/model/credential-files.js';
import type { ContainerLaunch, EnvEntry } from '../src/model/launch.js';

/** The local service a container is (its image, or the image its Dockerfile builds from), and the names set around its password. */
function serviceContext(l: ContainerLaunch): SecretContext {
  const image = l.build ? (l.dockerfile ? baseImage(l.dockerfile) : undefined) : l.image?.value;
  const service = localServiceImage(image);
  if (!service) return {};
  const name = /"([^"]*)"/.exec(l.name)?.[1];
  const names = l.env.flatMap((e) => (/(?:USER|USERNAME|DB|DATABASE)$/i.test(e.name) && e.value ? [e.value] : []));
  return { service, related: [...(name ? [name] : []), ...names, service] };
}

const POLICY_KINDS = new Set<FileKind>(['claude-settings', 'mcp', 'codex-config', 'vscode-settings', 'claude-agent', 'claude-skill', 'claude-plugin', 'gemini-settings', 'gemini-env', 'cursor-cli', 'cursor-environment', 'opencode', 'amp-settings', 'zed-settings', 'aider-config']);

/** Every string scalar with its key path (`permissions.allow[3]`); `env` and `headers` values are judged by name above. */
function* strings(n: LNode, path = '', prev?: string): Generator<{ node: LScalar; path: string; prev?: string }> {
  if (n.type === 'scalar') {
    if (typeof n.value === 'string') yield { node: n, path: path || '(value)', prev };
  } else if (n.type === 'seq') {
    for (let i = 0; i < n.items.length; i++) {
      const before = n.items[i - 1];
      yield* strings(n.items[i], `${path}[${i}]`, before?.type === 'scalar' && typeof before.value === 'string' ? before.value : undefined);
    }
  } else {
    for (const e of n.entries) if (!/^(?:env|headers|http_headers|env_vars)$/i.test(e.key)) yield* strings(e.value, path ? `${path}.${e.key}` : e.key);
  }
}

/** The secret's own columns when the file holds the string verbatim inside its quotes, else the whole string. */
function placeIn(index: TextIndex, node: LScalar, s: TextSecret): Loc {
  const start = index.offset(node.loc.start);
  const raw = index.text.slice(start, index.offset(node.loc.end));
  const quoted = /^["']/.test(raw) ? 1 : 0;
  return raw.slice(quoted, raw.length - quoted) === node.value ? index.loc(start + quoted + s.start, start + quoted + s.end) : node.loc;
}

export default defineRule({
  id: 'secret-in-config',
  title: 'Literal secret in configuration',
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'medium',
  dimension: 'credentials',
  tags: ['security', 'secrets', 'CWE-798'],
  docs: `A secret is written as a literal value in an environment variable, build argument or label: compose \`environment\`/\`build.args\`/\`labels\`, devcontainer \`containerEnv\`/\`remoteEnv\`/\`build.args\`, Dockerfile global \`ARG\` defaults and the \`ENV\`/\`ARG\`/\`LABEL\` of builder stages (the built image's own are \`secret-in-image\`), \`docker run -e NAME=value\`/\`--label\` (in scripts and in any command that starts a container, MCP servers included), \`.mcp.json\` and Codex \`mcp_servers\` \`env\` and \`headers\`, Claude Code settings \`env\`. It recognises known token shapes (\`sk-ant-…\`, \`sk-…\`, \`AKIA…\`, \`ghp_…\`, \`github_pat_…\`, \`glpat-…\`, \`xox[bp]-…\`, private key blocks) anywhere, and variables named like secrets (\`*_KEY\`, \`*_TOKEN\`, \`*_SECRET\`, \`*PASSWORD*\`) with a literal value. Placeholders do not fire: \`\${VAR}\`, \`$VAR\`, \`<your-key>\`, \`[REDACTED]\`, \`changeme…\`, \`replace-me…\`, \`your-…-here\`, \`dummy…\`, \`test-…\`, \`fake-…\`, \`placeholder…\`, \`not-needed\`, \`xxx…\` (also inside a token's shape, \`sk-ant-xxxxxxxx\`), empty; nor do plain lowercase words for an issued token (\`GH_TOKEN=claude-docker-proxy\`, a sentinel a proxy swaps for the real token). A development default of a local service is a note: a password-like variable (\`POSTGRES_PASSWORD\`, \`MYSQL_ROOT_PASSWORD\`, \`PGPASSWORD\`, \`DB_PASSWORD\`) on a database, cache or queue image (postgres, mysql, redis, mongo, rabbitmq, minio …) or named for a database client, whose value is a common default (\`postgres\`, \`root\`, \`admin\`, \`admin123\` …), the service's own user or name (\`POSTGRES_USER=saleor\`, \`POSTGRES_PASSWORD=saleor\`), or on the service itself a phrase that says it is one (\`dev_password_change_in_production\`). Random-looking values and known token shapes stay errors wherever they are. The message shows only the first characters of the value.

0.2: development defaults of local services are notes, not errors (they were the most common noise on real dev stacks: \`POSTGRES_PASSWORD: postgres\` is no leak); more placeholder shapes are recognised; the \`ENV\`, \`ARG\` and \`LABEL\` of the image a Dockerfile builds moved to \`secret-in-image\` (global \`ARG\`s and builder stages stay here: they are in the repository, not in the image).

Every other string of agent settings, \`.mcp.json\`, Codex \`config.toml\` and \`.vscode/settings.json\` is scanned too, for credentials written inside free text: Claude Code saves approved commands verbatim, so \`settings.local.json\` allow rules often hold live tokens (\`Bash(curl -H "Authorization: Bearer sk-…" …)\`, \`Bash(JUPYTER_TOKEN=… jupyter …)\`, \`--api-key <value>\`), and MCP arguments and URLs carry them as well. Known token shapes anywhere, the value after \`--api-key\`/\`--token\`/\`--key\`/an \`Authorization:\` header (the next list item too), and assignments to secret-named variables count; placeholders (\`not-needed\`, \`dummy\`, \`your-…-here\`, \`<…>\`, \`\${…}\`, \`xxx…\`) do not. The finding points at the secret's own columns and is masked in every output (0.2, issue 11).

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
    // Where a name=value finding was made, so the scan of free text below does not report the same secret again.
    const judged = new Set<string>();
    const at = (l: Loc) => `${l.file}:${l.start.line}:${l.start.column}`;
    const check = (where: string, e: EnvEntry, context: SecretContext = {}, readers = "anyone with the repository, the image or the agent's environment") => {
      const hit = secretIn(e.name, e.value, context);
      if (!hit) return;
      judged.add(at(e.valueLoc));
      if (hit.devDefault) {
        report(e.valueLoc, `${where} is ${hit.devDefault} (${hit.masked}), not a leaked secret: fine while only your machine reaches the service, but everyone with the repository knows it. Change it, and pass it from the host, before the service is exposed to anything else.`, { severity: 'note', redact: true });
        return;
      }
      report(e.valueLoc, `${where} holds ${hit.what} (${hit.masked}): ${readers} can read it. Rotate it and pass it from the host at run time instead.`, { redact: true });
    };
    for (const l of model.launches) {
      const context = serviceContext(l);
      for (const e of l.env) check(`${l.name} environment variable ${e.name}`, e, context);
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
    for (const a of model.agentFiles ?? []) for (const e of a.values) check(`${e.name} in ${a.file}`, e, {}, 'anyone with the repository');
    // Every other string of agent settings, MCP and Codex files: approved commands are saved verbatim in allow
    // rules, and tokens sit in MCP arguments, hook and helper commands and URLs.
    for (const f of model.files) {
      if (!POLICY_KINDS.has(f.kind) || !f.tree) continue;
      for (const { node, path, prev } of strings(f.tree)) {
        if (judged.has(at(node.loc))) continue;
        // `["--api-key", "<value>"]`: the flag is the item before.
        const flag = prev && /^--?[\w-]+$/.test(prev) ? `${prev} ` : '';
        const why = path.startsWith('permissions.') ? 'Claude Code saved the approved command verbatim, and ' : '';
        for (const s of secretsInText(flag + String(node.value))) {
          if (s.end <= flag.length) continue;
          const own = { ...s, start: s.start - flag.length, end: s.end - flag.length };
          report(placeIn(f.index, node, own), `${path} in ${f.file} holds ${s.what} (${s.masked}): ${why}anyone with the repository can read it. Rotate it, remove it from the file, and pass it through the environment instead.`, { redact: true });
        }
      }
    }
    for (const d of model.dockerfiles) {
      for (const e of d.env) {
        // What the built image carries is secret-in-image's; here: global ARGs and builder stages, still in the repository.
        if (e.value === null || inBuiltImage(d, e.loc)) continue;
        check(`Dockerfile ${e.keyword} ${e.name}`, { name: e.name, value: e.value, loc: e.loc, valueLoc: e.valueLoc }, {}, 'anyone with the repository (and its history)');
      }
    }
  },
});
