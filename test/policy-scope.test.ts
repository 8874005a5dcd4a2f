/**
 * Whose settings a file is (issue 11 item 5): user scope read from a dotfiles layout, from a launcher that mounts
 * a folder as a container's ~/.claude, and from the config's `scopes`; and the levels that follow from the scope
 * and from what a setting does (Codex approval_policy, helper commands, misplaced grants, self-modifying policy).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { useScratch } from './helpers/project.js';
import { inferScope, scopeOf } from '../src/model/policy/settings.js';
import { resolvePolicyScopes } from '../src/model/agent-policy.js';
import { ConfigError, loadConfig, scopeOverrides } from '../src/config.js';
import { kindByName } from '../src/discover.js';
import { RULES } from '../src/lint.js';

const scratch = useScratch('asl-scope-');

async function findings(files: Record<string, string>, rule: string) {
  const run = await scratch.lint(files);
  return run.findings.filter((f) => f.ruleId === rule).map((f) => `${f.severity} ${f.file}:${f.line}`);
}

describe('scope from a dotfiles layout', () => {
  it.each([
    ['dot_claude/settings.json', 'chezmoi'],
    ['home/private_dot_claude/settings.json', 'chezmoi'],
    ['claude/.claude/settings.json', 'stow package'],
    ['dot-claude/settings.json', 'stow'],
    ['home/.claude/settings.json', 'home/ tree'],
    ['config/claude/settings.json', 'outside .claude/'],
    ['llm/claude/settings.json', 'outside .claude/'],
    ['codex/.codex/config.toml', 'stow package'],
    ['dot_codex/config.toml', 'chezmoi'],
  ])('%s is user scope (%s)', (file, why) => {
    expect(inferScope(file)?.scope).toBe('user');
    expect(inferScope(file)?.why).toContain(why);
  });

  it.each(['.claude/settings.json', 'packages/web/.claude/settings.json', 'claude/.claude/settings.local.json', '.codex/config.toml'])('%s says nothing: project or local scope is assumed', (file) => {
    expect(inferScope(file)).toBeUndefined();
    expect(scopeOf(file)).not.toBe('user');
  });

  it('the dotfiles files outside .claude/ are read as Claude Code settings and Codex config', () => {
    for (const f of ['claude/settings.json', 'config/claude/settings.json', 'dot_claude/settings.json', 'private_dot_claude/settings.json', 'dot-claude/settings.json']) expect(kindByName(f)).toBe('claude-settings');
    for (const f of ['dot_codex/config.toml', 'dot-codex/config.toml']) expect(kindByName(f)).toBe('codex-config');
    expect(kindByName('claude/config.json')).toBeUndefined();
  });

  it('home/.claude/settings.json is read as user settings', async () => {
    const m = await scratch.model({
      'home/.claude/settings.json': '{ "sandbox": { "enabled": true } }',
    });
    const c = m.policies[0].claude!;
    expect(c.sources.map((s) => [s.file, s.scope])).toEqual([['home/.claude/settings.json', 'user']]);
  });
});

describe('scope from a launcher that mounts the folder as ~/.claude', () => {
  it('a compose bind mount to /home/node/.claude makes the settings user scope, and the merge follows', async () => {
    const m = await scratch.model({
      'compose.yaml': 'services:\n  agent:\n    image: node:22.11.0\n    volumes:\n      - ./.claude:/home/node/.claude/\n',
      '.claude/settings.json': '{ "skipDangerousModePermissionPrompt": true, "sandbox": { "enabled": true } }',
      '.claude/settings.local.json': '{ "sandbox": { "enabled": false } }',
    });
    resolvePolicyScopes(m);
    const c = m.policies[0].claude!;
    expect(c.sources.map((x) => [x.file, x.scope])).toEqual([['.claude/settings.json', 'user'], ['.claude/settings.local.json', 'local']]);
    expect(c.sources[0].scopeWhy).toMatch(/compose service "agent" \(compose\.yaml:2\) mounts \.\/\.claude as the container's ~\/\.claude/);
  });

  it('a mount from another folder unit is not followed (a split scan could not see it)', async () => {
    const m = await scratch.model({
      'compose.yaml': 'services:\n  agent:\n    image: node:22.11.0\n    volumes:\n      - ./claude-home/.claude:/home/node/.claude\n',
      'claude-home/.claude/settings.json': '{}',
    });
    resolvePolicyScopes(m);
    expect(m.policies[0].claude!.sources[0].scope).toBe('project');
  });

  it('a docker run in a script mounting "$(pwd)/.claude" as /root/.claude', async () => {
    const m = await scratch.model({
      'run.sh': '#!/bin/sh\ndocker run --rm -v "$(pwd)/.claude:/root/.claude" ghcr.io/acme/agent:1.2.3\n',
      '.claude/settings.json': '{ "permissions": { "defaultMode": "auto" } }',
    });
    resolvePolicyScopes(m);
    const src = m.policies[0].claude!.sources[0];
    expect(src.scope).toBe('user');
    expect(m.policies[0].claude!.rules.every((r) => r.scope === 'user')).toBe(true);
  });

  it('a read of the host ~/.claude, or a mount elsewhere, changes nothing', async () => {
    const m = await scratch.model({
      'compose.yaml': 'services:\n  agent:\n    image: node:22.11.0\n    volumes:\n      - ~/.claude:/home/node/.claude\n      - ./.claude:/workspace/.claude\n',
      '.claude/settings.json': '{}',
    });
    resolvePolicyScopes(m);
    expect(m.policies[0].claude!.sources[0].scope).toBe('project');
  });
});

describe('config `scopes`', () => {
  const known = RULES.map((r) => r.id);
  const write = (text: string) => {
    const dir = scratch.project({ '.agent-sandbox-lint.yaml': text });
    return path.join(dir, '.agent-sandbox-lint.yaml');
  };

  it('states the scope of matching files, and wins over the inference', async () => {
    const dir = scratch.project({ 'cfg/.claude/settings.json': '{}', 'dot_claude/settings.json': '{}' });
    const file = path.join(dir, '.agent-sandbox-lint.yaml');
    writeFileSync(file, 'scopes:\n  - paths: ["cfg/.claude/settings.json"]\n    scope: user\n  - paths: "dot_claude/**"\n    scope: project\n');
    const cfg = loadConfig(file, known);
    expect(cfg.scopes).toEqual([{ paths: ['cfg/.claude/settings.json'], scope: 'user' }, { paths: ['dot_claude/**'], scope: 'project' }]);
    const { discover } = await import('../src/discover.js');
    const { loadProject } = await import('../src/load.js');
    const { candidates } = await discover(['.'], dir);
    const m = await loadProject(candidates, { cwd: dir, roots: [dir], maxFileSize: 1 << 20 });
    resolvePolicyScopes(m, scopeOverrides(cfg, dir));
    const scopes = Object.fromEntries(m.policies.flatMap((p) => p.claude?.sources ?? []).map((s) => [s.file, [s.scope, s.scopeWhy]]));
    expect(scopes['cfg/.claude/settings.json']).toEqual(['user', 'stated in .agent-sandbox-lint.yaml (scopes)']);
    expect(scopes['dot_claude/settings.json']).toEqual(['project', 'stated in .agent-sandbox-lint.yaml (scopes)']);
  });

  it.each([
    ['scopes: user\n', /"scopes" must be a list/],
    ['scopes:\n  - paths: ["a"]\n    scope: home\n', /needs "scope": user, project, local, managed/],
    ['scopes:\n  - scope: user\n', /needs "paths"/],
    ['scopes:\n  - paths: ["a"]\n    scope: user\n    why: dotfiles\n', /unknown key "why" in a "scopes" entry/],
  ])('rejects %j', (text, message) => {
    expect(() => loadConfig(write(text), known)).toThrow(ConfigError);
    expect(() => loadConfig(write(text), known)).toThrow(message);
  });
});

describe('levels', () => {
  it('Codex approval_policy = "never": error with no sandbox, warning with network, note alone', async () => {
    expect(await findings({ '.codex/config.toml': 'sandbox_mode = "danger-full-access"\napproval_policy = "never"\n' }, 'codex-sandbox-disabled')).toEqual(['error .codex/config.toml:1', 'error .codex/config.toml:2']);
    expect(await findings({ '.codex/config.toml': 'approval_policy = "never"\nsandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nnetwork_access = true\n' }, 'codex-sandbox-disabled')).toEqual(['warning .codex/config.toml:1', 'warning .codex/config.toml:4']);
    expect(await findings({ '.codex/config.toml': 'approval_policy = "never"\n' }, 'codex-sandbox-disabled')).toEqual(['note .codex/config.toml:1']);
  });

  it('helper commands: note when they only format text, warning when they download, send or write, in either scope', async () => {
    const statusLine = (command: string) => JSON.stringify({ statusLine: { type: 'command', command } }, null, 2);
    expect(await findings({ '.claude/settings.json': statusLine('jq -r .model.display_name') }, 'settings-helper-command')).toEqual(['note .claude/settings.json:4']);
    expect(await findings({ '.claude/settings.json': statusLine('npx -y ccusage@latest statusline') }, 'settings-helper-command')).toEqual(['warning .claude/settings.json:4']);
    expect(await findings({ 'dot_claude/settings.json': statusLine('ccusage statusline') }, 'settings-helper-command')).toEqual(['note dot_claude/settings.json:4']);
    expect(await findings({ 'dot_claude/settings.json': statusLine('git status --short > /tmp/claude-status') }, 'settings-helper-command')).toEqual(['warning dot_claude/settings.json:4']);
    const run = await scratch.lint({ 'dot_claude/settings.json': statusLine('ccusage statusline') });
    const msg = run.findings.find((f) => f.ruleId === 'settings-helper-command')!.message;
    expect(msg).toContain('user scope: dot_claude/settings.json is a chezmoi source of ~/.claude/settings.json');
    expect(msg).not.toMatch(/move it to your user settings/i);
  });

  it('user scope: auto mode and the dangerous-mode prompt are honoured, never "ignored"', async () => {
    const run = await scratch.lint({ 'home/.claude/settings.json': '{ "permissions": { "defaultMode": "auto" }, "skipDangerousModePermissionPrompt": true }' });
    const mine = run.findings.filter((f) => f.ruleId === 'setting-ignored-in-scope');
    expect(mine.map((f) => f.severity)).toEqual(['note']);
    expect(mine[0].message).toContain('is honoured');
    expect(mine[0].message).not.toContain('is ignored:');
  });

  it('mcpServers in a settings file is a note; additionalDirectories with ~/.claude in acceptEdits is a warning', async () => {
    expect(await findings({ '.claude/settings.json': '{\n  "mcpServers": {}\n}' }, 'invalid-setting')).toEqual(['note .claude/settings.json:2']);
    expect(await findings({ '.claude/settings.json': '{\n  "permissions": { "defaultMode": "acceptEdits", "additionalDirectories": ["~/.claude/"] }\n}' }, 'sandbox-escape-hatch')).toEqual(['warning .claude/settings.json:2']);
    expect(await findings({ '.claude/settings.json': '{\n  "permissions": { "additionalDirectories": ["$HOME"] }\n}' }, 'sandbox-escape-hatch')).toEqual(['note .claude/settings.json:2']);
  });
});
