import { defineRule } from '../src/rule.js';
import { claudePolicies } from '../src/model/policy/facts.js';
import type { PermissionRule } from '../src/model/agent-policy.js';

/** Programs whose allow rule is arbitrary code or a way out: shells, interpreters, privilege, engines, network tools. */
const ESCAPES = /^(?:sudo|su|doas|pkexec|docker|podman|nerdctl|kubectl|bash|sh|zsh|dash|fish|ksh|eval|exec|env|xargs|python[0-9.]*|node|deno|bun|perl|ruby|php|npx|bunx|curl|wget|nc|ncat|netcat|socat|ssh|scp|devbox run|mise exec|direnv exec|docker exec)$/;

/** Why the rule grants everything or an escape, or undefined. */
function overbroad(r: PermissionRule): string | undefined {
  if (r.malformed || r.inert) return undefined;
  const spec = r.specifier;
  if ((r.tool === 'Bash' || r.tool === 'PowerShell') && spec === undefined) return `\`${r.raw}\` approves every shell command`;
  if (r.tool === 'Bash' || r.tool === 'PowerShell') {
    // `docker:*`, `docker *`, `docker*`, `python3 -c *`: the program before the first argument or wildcard.
    const prog = spec!.replace(/:\*$/, '').replace(/\s*\*$/, '').trim();
    const first = prog.split(/\s+/).slice(0, /^(?:devbox|mise|direnv|docker)$/.test(prog.split(/\s+/)[0]) && prog.split(/\s+/).length > 1 ? 2 : 1).join(' ');
    if (spec!.trimEnd().endsWith('*') && ESCAPES.test(first)) return `\`${r.raw}\` approves any \`${first}\` command, which runs arbitrary code or leaves the sandbox`;
    if (/^(?:python[0-9.]*|node|bash|sh)\*$/.test(spec!)) return `\`${r.raw}\` approves an interpreter with any arguments`;
    return undefined;
  }
  if (r.tool === 'WebFetch' && spec === undefined) return `\`${r.raw}\` lets the WebFetch tool reach any host`;
  if (r.tool === 'Read' || r.tool === 'Edit') {
    if (spec === undefined) return `\`${r.raw}\` covers every file on the machine`;
    const p = spec.replace(/\/\*\*$|\/\*$/, '').replace(/\/$/, '');
    if (p === '/' || p === '' && spec.startsWith('//') || p === '~' || p === '$HOME' || spec === '//**' || spec === '~/**') return `\`${r.raw}\` covers ${p === '~' || p === '$HOME' ? 'the whole home directory (SSH keys, cloud credentials)' : 'the whole file system'}`;
  }
  return undefined;
}

export default defineRule({
  id: 'overbroad-allow-rule',
  title: 'Allow rule grants everything or an escape',
  severity: 'warning',
  securitySeverity: 7.0,
  precision: 'high',
  tags: ['security', 'agent-policy', 'claude-code', 'CWE-250'],
  docs: `A Claude Code \`permissions.allow\` rule approves, without a prompt, something that amounts to everything: \`Bash\` or \`Bash(*)\`, a shell, interpreter, privilege or engine command with any arguments (\`Bash(sudo:*)\`, \`Bash(docker:*)\`, \`Bash(bash:*)\`, \`Bash(python *)\`, \`Bash(curl:*)\`, \`Bash(npx *)\`, environment runners such as \`Bash(devbox run *)\`), \`WebFetch\` without a domain, or \`Read\`/\`Edit\` of \`//**\`, \`/\` or \`~\`.

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
      for (const r of p.claude.rules) {
        if (r.list !== 'allow') continue;
        const why = overbroad(r);
        if (why) report(r.loc, `Allow rule in ${r.file}: ${why}, with no prompt. A prompt injection needs only this one rule. Allow the specific commands or paths the work needs instead.`);
      }
    }
  },
});
