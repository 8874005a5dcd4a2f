import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import type { PermissionRule } from '../src/model/agent-policy.js';
import { bashPatternEscape } from '../src/model/policy/bash-breadth.js';

/** Why the rule grants everything or an escape, or undefined. */
function overbroad(r: PermissionRule): string | undefined {
  if (r.malformed || r.inert) return undefined;
  const spec = r.specifier;
  if (r.tool === 'Bash' || r.tool === 'PowerShell') {
    if (spec === undefined) return 'approves every shell command';
    return bashPatternEscape(spec);
  }
  if (r.tool === 'WebFetch' && spec === undefined) return 'lets the WebFetch tool reach any host';
  if (r.tool === 'Read' || r.tool === 'Edit') {
    if (spec === undefined) return 'covers every file on the machine';
    const p = spec.replace(/\/\*\*$|\/\*$/, '').replace(/\/$/, '');
    if (p === '~' || p === '$HOME' || /^\/\/(?:home|Users)\/[^/*]+$|^\/\/root$/.test(p)) return 'covers the whole home directory (SSH keys, cloud credentials)';
    // One leading slash is the project root (code.claude.com/docs/en/permissions#read-and-edit); two is the file system's.
    if (/^\/\/(?:\*\*?)?$/.test(spec)) return 'covers the whole file system';
  }
  return undefined;
}

/** `Bash(curl:*)` and `Bash(curl *)` are the same pattern. */
const normal = (r: PermissionRule) => `${r.tool}(${(r.specifier ?? '*').replace(/:\*$/, ' *')})`;

/** A deny rule wins over any allow (code.claude.com/docs/en/permissions#manage-permissions): a denied allow grants nothing. */
function denied(r: PermissionRule, all: PermissionRule[]): boolean {
  return all.some((d) => d.list === 'deny' && !d.malformed && !d.inert && d.tool === r.tool && (d.specifier === undefined || normal(d) === normal(r)));
}

export default defineRule({
  id: 'overbroad-allow-rule',
  title: 'Allow rule grants everything or an escape',
  severity: 'warning',
  securitySeverity: 7.0,
  precision: 'high',
  dimension: 'agent-policy',
  tags: ['security', 'agent-policy', 'claude-code', 'CWE-250'],
  docs: `An allow rule approves, without a prompt, something that amounts to everything. In Claude Code settings and skills: a \`permissions.allow\` rule or a skill's or command's \`allowed-tools\` entry. In other agents' repository files (0.2, issue 12), each read as the Claude Code rule that grants the same and judged below: Cursor \`.cursor/cli.json\` \`permissions.allow\` (\`Shell(**)\`, \`Shell(<base>)\` = any arguments, \`Shell(base:glob)\`, \`Write(**)\`, \`WebFetch(*)\`, \`Mcp(*:*)\`); Gemini CLI and Qwen Code \`tools.allowed\` (\`run_shell_command\` bare, or \`run_shell_command(npm)\`, a prefix of the command); VS Code \`chat.tools.terminal.autoApprove\` keys set to \`true\` (a command prefix, or a regular expression that matches everything); \`roo-cline.allowedCommands\` and \`kilo-code.allowedCommands\` (prefixes); \`kiroAgent.trustedCommands\` (Kiro before 1.0); OpenCode \`permission.bash\` patterns set to \`"allow"\` (globs); Amp \`amp.permissions\` \`matches.cmd\` and \`amp.commands.allowlist\`; Zed \`agent.tool_permissions.tools.terminal.always_allow\` regexes. A skill's \`allowed-tools\` applies without any workspace-trust gate, whenever the skill runs, and by default the model may invoke a skill on its own (\`disable-model-invocation: true\` keeps it to you); sources: code.claude.com/docs/en/skills, cursor.com/docs/cli/reference/permissions, github.com/google-gemini/gemini-cli docs/reference/configuration.md, microsoft/vscode-docs docs/agents/approvals.md, opencode.ai/docs/permissions, anchors/agent-surfaces.md.

A Claude Code \`permissions.allow\` rule approves, without a prompt, something that amounts to everything: \`Bash\` or \`Bash(*)\`, a \`Bash(…)\` pattern whose wildcard covers the part of the command that chooses the code that runs, \`WebFetch\` without a domain, or \`Read\`/\`Edit\` of \`//**\` or the home directory (\`~/**\`, \`//Users/<name>/**\`).

A Bash pattern is judged by where its wildcard is. Claude Code matches the whole command line: \`*\` stands for any text, spaces included, and a final \`:*\` is the legacy prefix form (\`Bash(npm run test:*)\` = \`Bash(npm run test *)\`). The program is read the way Claude Code reads the command: multi-word programs are programs (\`docker run\`, \`docker compose\`, \`kubectl exec\`, \`uv run\`, \`bun x\`, \`pnpm exec\`), hyphenated ones too (\`docker-compose\`), a \`VAR=value\` prefix (\`CI=1 npx:*\`) does not hide the program, and a path (\`./venv/bin/python\`) is the program it names. Escapes (reported):
- the wildcard is the program: \`Bash(* --help)\`;
- an interpreter whose script or code is left to the wildcard: \`python:*\`, \`python -c *\`, \`node -e *\`, \`bash -c *\`, \`ipython\`, \`awk\`, \`perl -e\`, \`ruby -e\`, \`php -r\`, \`osascript -e\`, \`deno eval\`, \`powershell -Command\`;
- a runner whose package or command is left to the wildcard: \`npx:*\`, \`npx *\`, \`uv run *\`, \`bun x *\`, \`pnpm exec *\`, \`npm:*\` (covers \`npm exec\`), \`uv:*\`, \`devbox run *\`;
- commands that start another command: \`xargs:*\`, \`env *\`, \`find:*\` (\`-exec\`), \`source:*\`, \`eval\`;
- engines and clusters: \`docker:*\`, \`docker run:*\` (any image, any flags), \`docker exec\`, \`docker compose:*\`/\`docker-compose:*\` (\`-f <any file>\`, \`run\`), \`kubectl exec:*\`; \`git:*\` and \`git config:*\` (\`-c core.pager=…\`, aliases);
- root and the network with any wildcard: \`sudo\`, \`curl\`, \`wget\`, \`nc\`, \`ssh\`, \`scp\`.

A rule that names its tool leaves only that tool's arguments to the wildcard and is **not reported**: \`npx eslint:*\`, \`npx playwright install:*\`, \`python -m pytest *\`, \`uv run pytest *\`, \`xargs kill *\`, \`docker compose up:*\`, \`docker run --rm alpine:3.20 *\`. A named tool is judged in turn: \`uv run python *\` is still \`python *\`. An allow rule that a deny rule of the same settings cancels (\`Bash(curl:*)\` allowed and denied) grants nothing and is not reported (deny wins: code.claude.com/docs/en/permissions#manage-permissions), and the same rule repeated in the shared and the local file is one finding.

**Changed in 0.2:** the program is parsed as above, instead of the first word only, so \`docker run:*\`, \`docker compose:*\`, \`kubectl exec:*\`, \`CI=1 npx:*\`, \`awk:*\`, \`find:*\`, \`source:*\`, \`git:*\`, \`./venv/bin/python:*\` and \`Read(//Users/<name>/**)\` (a whole home directory) are now found; and \`npx <tool>:*\` or \`python -m <module> *\` are no longer reported as "any npx/python command", because the wildcard there covers only the named tool's arguments. Rules cancelled by a deny rule, and repeats, are no longer reported. Source: code.claude.com/docs/en/permissions (Bash wildcard and \`:*\` semantics, process wrappers, deny-first evaluation, Read/Edit path anchors).

Sources: code.claude.com/docs/en/permissions (process wrappers: \`devbox run\`, \`npx\`, \`docker exec\` are not stripped before matching) and /permission-modes (auto mode suspends exactly these broad rules: \`Bash(*)\`, wildcarded interpreters, package-manager run commands). Allow rules in \`.claude/settings.json\` apply only after the folder is trusted, and in \`claude -p\` not at all; in user and local settings they always apply.

## Why it matters
\`Bash(python *)\` is \`Bash(*)\` with extra steps: the agent writes a script and runs it. \`Bash(docker:*)\` reaches the host through the engine, \`Bash(sudo:*)\` is root, \`Bash(curl:*)\` sends anything anywhere. A prompt injection needs only one of them.

## How to fix
Allow the exact commands the work needs.

Before:
\`\`\`json
{ "permissions": { "allow": ["Bash(*)", "Bash(docker:*)"] } }
\`\`\`
After:
\`\`\`json
{ "permissions": { "allow": ["Bash(npm run test:*)", "Bash(docker compose ps)"] } }
\`\`\``,
  check(model, report) {
    for (const p of claudePolicies(model)) {
      const seen = new Map<string, PermissionRule[]>();
      for (const r of p.claude.rules) {
        if (r.list !== 'allow' || !overbroad(r) || denied(r, p.claude.rules)) continue;
        const k = normal(r);
        seen.set(k, [...(seen.get(k) ?? []), r]);
      }
      // The same rule in the shared and the local file is one grant: one finding, naming the repeats.
      for (const [first, ...repeats] of seen.values()) {
        const also = repeats.length ? ` (repeated at ${repeats.map((x) => `${x.file}:${x.loc.start.line}`).join(', ')})` : '';
        report(first.loc, `Allow rule \`${first.raw}\` in ${first.file}${also} ${overbroad(first)}, with no prompt. A prompt injection needs only this one rule. Allow the specific commands or paths the work needs instead.`);
      }
    }
    // Every other agent's allow patterns, and Claude Code skills' `allowed-tools`, read as the Claude rule that
    // grants the same (agents/shell-grants.ts), so one judgement covers them all.
    for (const a of model.agentFiles ?? []) {
      for (const g of a.allows) {
        const why = g.wide ?? (g.rule ? overbroad(g.rule) : undefined);
        if (!why) continue;
        const same = g.rule && g.agent !== 'Claude Code' ? ` (as \`${g.rule.raw}\` would in Claude Code)` : '';
        report(g.loc, `\`${g.raw}\` in ${g.context ?? a.file} ${why}${same}: ${g.agent} runs it without asking. A prompt injection needs only this one pattern. Allow the specific commands the work needs instead.`);
      }
    }
  },
});
