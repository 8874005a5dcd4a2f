/**
 * Fixes for agent settings (src/fix/settings-fixes.ts): each is applied to its fixture, the result linted again
 * in a fresh project. The finding must be gone, the file must still parse, nothing else may change, the edit
 * must leave the rest of the file as it was, and the fixed project must offer no fix for the rule any more.
 *
 * Claude Code reads its settings files as strict JSON (a comment makes them invalid-config), so those fixtures
 * keep their indentation and neighbours instead; the Codex TOML ones carry comments.
 */
import { codexApprovalFix } from '../src/fix/settings-fixes.js';
import { applyTextEdits } from '../src/fix/edit.js';
import { entry, get, type LMap } from '../src/parse/tree.js';
import type { Finding, Fix } from '../src/types.js';
import type { LintRun } from '../src/lint.js';
import { useScratch, type Files } from './helpers/project.js';

const scratch = useScratch('asl-fix-settings-');

/** Findings counted by rule and file: lines shift under an insertion, and some messages cite them. */
function census(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[`${f.ruleId} ${f.file}`] = (out[`${f.ruleId} ${f.file}`] ?? 0) + 1;
  return out;
}

function without(c: Record<string, number>, key: string, n = 1): Record<string, number> {
  const out = { ...c };
  out[key] = (out[key] ?? 0) - n;
  if (out[key] <= 0) delete out[key];
  return out;
}

/** Inserted text must not touch what was there: every edit of an insertion fix has length 0. */
function expectInsertionsOnly(fix: Fix): void {
  for (const e of fix.edits) expect(e.length).toBe(0);
}

interface Round {
  before: LintRun;
  finding: Finding;
  fix: Fix;
  text: string;
  after: string;
  fixed: LintRun;
}

/** Lints `files`, takes the one `ruleId` finding in `file`, applies its fix, lints the result in a fresh project. */
async function fixRound(files: Files, ruleId: string, file: string): Promise<Round> {
  const before = await scratch.lint(files);
  const hits = before.findings.filter((f) => f.ruleId === ruleId && f.file === file);
  expect(hits).toHaveLength(1);
  const [finding] = hits;
  expect(finding.fix).toBeDefined();
  const fix = finding.fix!;
  expect(fix.file).toBe(file);
  const text = files[file] as string;
  const after = applyTextEdits(text, fix.edits);
  const fixed = await scratch.lint({ ...files, [file]: after });
  expect(fixed.findings.filter((f) => f.ruleId === 'invalid-config')).toEqual([]);
  // Gone, so nothing more is offered: applying --fix again changes nothing.
  expect(fixed.findings.filter((f) => f.ruleId === ruleId)).toEqual([]);
  return { before, finding, fix, text, after, fixed };
}

function expectOthersUnchanged(r: Round, ruleId: string, file: string, appeared: Record<string, number> = {}): void {
  let expected = without(census(r.before.findings), `${ruleId} ${file}`);
  for (const [k, n] of Object.entries(appeared)) expected = { ...expected, [k]: (expected[k] ?? 0) + n };
  expect(census(r.fixed.findings)).toEqual(expected);
}

const MCP_JSON = JSON.stringify({ mcpServers: { docs: { command: 'npx', args: ['-y', 'docs-mcp@1.2.3'] } } }, null, 2) + '\n';

describe('mcp-servers-auto-enabled: enableAllProjectMcpServers true → false', () => {
  test('tab-indented project settings: only the value token changes', async () => {
    const file = '.claude/settings.json';
    const text = '{\n\t"enableAllProjectMcpServers": true,\n\t"permissions": {\n\t\t"deny": ["Read(./.env)", "Read(~/.ssh/**)", "Read(~/.aws/**)"]\n\t}\n}\n';
    const files = { [file]: text, '.mcp.json': MCP_JSON };
    const r = await fixRound(files, 'mcp-servers-auto-enabled', file);
    expect(r.fix.safe).toBe(true);
    expect(r.fix.caution).toBeUndefined();
    expect(r.fix.edits).toEqual([{ offset: text.indexOf('true'), length: 4, text: 'false' }]);
    expect(r.after).toBe('{\n\t"enableAllProjectMcpServers": false,\n\t"permissions": {\n\t\t"deny": ["Read(./.env)", "Read(~/.ssh/**)", "Read(~/.aws/**)"]\n\t}\n}\n');
    expectOthersUnchanged(r, 'mcp-servers-auto-enabled', file);
  });

  test('4-space local settings beside an existing permissions object', async () => {
    const file = '.claude/settings.local.json';
    const text = '{\n    "permissions": {\n        "allow": ["Bash(npm test)"]\n    },\n    "enableAllProjectMcpServers":   true\n}\n';
    const files = { '.claude/settings.json': '{ "model": "sonnet" }\n', [file]: text, '.mcp.json': MCP_JSON };
    const r = await fixRound(files, 'mcp-servers-auto-enabled', file);
    expect(r.fix.safe).toBe(true);
    expect(r.after).toBe(text.replace('true', 'false'));
    expectOthersUnchanged(r, 'mcp-servers-auto-enabled', file);
  });

  test('enabledMcpjsonServers in the shared file is reported without a fix', async () => {
    const run = await scratch.lint({ '.claude/settings.json': '{ "enabledMcpjsonServers": ["docs"] }\n', '.mcp.json': MCP_JSON });
    const hits = run.findings.filter((f) => f.ruleId === 'mcp-servers-auto-enabled');
    expect(hits).toHaveLength(1);
    expect(hits[0].fix).toBeUndefined();
  });

  test('quiet: false already', async () => {
    const run = await scratch.lint({ '.claude/settings.json': '{\n    "enableAllProjectMcpServers": false\n}\n', '.mcp.json': MCP_JSON });
    expect(run.findings.filter((f) => f.ruleId === 'mcp-servers-auto-enabled')).toEqual([]);
  });

  test('a settings file with comments is invalid for Claude Code: no finding to fix there', async () => {
    const run = await scratch.lint({ '.claude/settings.json': '{\n  // keep me\n  "enableAllProjectMcpServers": true\n}\n', '.mcp.json': MCP_JSON });
    expect(run.findings.some((f) => f.ruleId === 'invalid-config' && f.file === '.claude/settings.json')).toBe(true);
    expect(run.findings.filter((f) => f.ruleId === 'mcp-servers-auto-enabled')).toEqual([]);
  });
});

describe('bypass-mode-not-disabled: permissions.disableBypassPermissionsMode "disable"', () => {
  const file = 'etc/claude-code/managed-settings.json';

  test('4-space managed settings with a permissions object and deny list: a new line after deny', async () => {
    const text = '{\n    "permissions": {\n        "deny": [\n            "Read(~/.ssh/**)"\n        ]\n    },\n    "model": "sonnet"\n}\n';
    const r = await fixRound({ [file]: text }, 'bypass-mode-not-disabled', file);
    expect(r.fix.safe).toBe(true);
    expectInsertionsOnly(r.fix);
    expect(r.after).toBe('{\n    "permissions": {\n        "deny": [\n            "Read(~/.ssh/**)"\n        ],\n        "disableBypassPermissionsMode": "disable"\n    },\n    "model": "sonnet"\n}\n');
    expectOthersUnchanged(r, 'bypass-mode-not-disabled', file);
  });

  test('tab-indented managed settings without permissions: the object is added', async () => {
    const text = '{\n\t"model": "sonnet",\n\t"sandbox": {\n\t\t"enabled": true\n\t}\n}\n';
    const r = await fixRound({ [file]: text }, 'bypass-mode-not-disabled', file);
    expect(r.fix.safe).toBe(true);
    expectInsertionsOnly(r.fix);
    expect(r.after).toBe('{\n\t"model": "sonnet",\n\t"sandbox": {\n\t\t"enabled": true\n\t},\n\t"permissions": { "disableBypassPermissionsMode": "disable" }\n}\n');
    expectOthersUnchanged(r, 'bypass-mode-not-disabled', file);
  });

  test('merged with a project that chose bypassPermissions: a suggestion, with why', async () => {
    const files = {
      [file]: '{\n    "permissions": {\n        "deny": ["Read(~/.ssh/**)"]\n    }\n}\n',
      '.claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }\n',
    };
    const run = await scratch.lint(files);
    const [hit] = run.findings.filter((f) => f.ruleId === 'bypass-mode-not-disabled');
    expect(hit.fix?.safe).toBe(false);
    expect(hit.fix?.caution).toMatch(/\.claude\/settings\.json:1 sets `defaultMode: "bypassPermissions"`/);
    expect(applyTextEdits(files[file], hit.fix!.edits)).toBe('{\n    "permissions": {\n        "deny": ["Read(~/.ssh/**)"],\n        "disableBypassPermissionsMode": "disable"\n    }\n}\n');
  });

  test('a subagent in bypass mode also makes it a suggestion', async () => {
    const run = await scratch.lint({
      [file]: '{ "permissions": { "deny": ["Read(~/.ssh/**)"] } }\n',
      '.claude/settings.json': '{ "model": "sonnet" }\n',
      '.claude/agents/fixer.md': '---\nname: fixer\ndescription: fixes\ntools: Read, Grep\npermissionMode: bypassPermissions\n---\nFix things.\n',
    });
    const [hit] = run.findings.filter((f) => f.ruleId === 'bypass-mode-not-disabled');
    expect(hit.fix?.safe).toBe(false);
    expect(hit.fix?.caution).toMatch(/subagent "fixer"/);
  });

  test('quiet: the lock is set', async () => {
    const run = await scratch.lint({ [file]: '{\n\t"permissions": {\n\t\t"disableBypassPermissionsMode": "disable"\n\t}\n}\n' });
    expect(run.findings.filter((f) => f.ruleId === 'bypass-mode-not-disabled')).toEqual([]);
  });
});

describe('secrets-readable: Read deny rules for what is missing', () => {
  const file = '.claude/settings.json';

  test('4-space multi-line deny list: the missing rules are appended one a line', async () => {
    const text = '{\n    "permissions": {\n        "deny": [\n            "Read(~/.ssh/**)"\n        ]\n    }\n}\n';
    const r = await fixRound({ [file]: text }, 'secrets-readable', file);
    expect(r.fix).toMatchObject({ safe: false, caution: expect.stringContaining("with the sandbox off these rules stop only") });
    expectInsertionsOnly(r.fix);
    expect(r.fix.description).toBe('add Read(./.env), Read(./.env.*), Read(~/.aws/**) to permissions.deny in .claude/settings.json');
    expect(r.after).toBe('{\n    "permissions": {\n        "deny": [\n            "Read(~/.ssh/**)",\n            "Read(./.env)",\n            "Read(./.env.*)",\n            "Read(~/.aws/**)"\n        ]\n    }\n}\n');
    // read-deny-without-sandbox was already there (the ~/.ssh rule): still one finding, now naming the others.
    expectOthersUnchanged(r, 'secrets-readable', file);
  });

  test('tab-indented permissions without deny: a deny list after allow', async () => {
    const text = '{\n\t"permissions": {\n\t\t"allow": [\n\t\t\t"Bash(npm run test:*)"\n\t\t]\n\t}\n}\n';
    const r = await fixRound({ [file]: text }, 'secrets-readable', file);
    expect(r.fix).toMatchObject({ safe: false, caution: expect.stringContaining("with the sandbox off these rules stop only") });
    expectInsertionsOnly(r.fix);
    expect(r.after).toBe('{\n\t"permissions": {\n\t\t"allow": [\n\t\t\t"Bash(npm run test:*)"\n\t\t],\n\t\t"deny": ["Read(./.env)", "Read(./.env.*)", "Read(~/.ssh/**)", "Read(~/.aws/**)"]\n\t}\n}\n');
    // The sandbox is off, so the new deny rules are the partial guard read-deny-without-sandbox describes.
    expectOthersUnchanged(r, 'secrets-readable', file, { [`read-deny-without-sandbox ${file}`]: 1 });
  });

  test('a one-line file without permissions: the object joins the line', async () => {
    const text = '{ "model": "sonnet", "sandbox": { "enabled": false } }\n';
    const r = await fixRound({ [file]: text }, 'secrets-readable', file);
    expect(r.fix).toMatchObject({ safe: false, caution: expect.stringContaining("with the sandbox off these rules stop only") });
    expect(r.after).toBe('{ "model": "sonnet", "sandbox": { "enabled": false }, "permissions": { "deny": ["Read(./.env)", "Read(./.env.*)", "Read(~/.ssh/**)", "Read(~/.aws/**)"] } }\n');
    expectOthersUnchanged(r, 'secrets-readable', file, { [`read-deny-without-sandbox ${file}`]: 1 });
  });

  test('the file the finding points at is the one edited: the local settings', async () => {
    const local = '.claude/settings.local.json';
    const files = { [file]: '{ "permissions": { "deny": ["Read(./.env)"] } }\n', [local]: '{\n    "permissions": {\n        "deny": []\n    }\n}\n' };
    const r = await fixRound(files, 'secrets-readable', local);
    expect(r.after).toBe('{\n    "permissions": {\n        "deny": ["Read(~/.ssh/**)", "Read(~/.aws/**)"]\n    }\n}\n');
    expectOthersUnchanged(r, 'secrets-readable', local);
  });

  test('with the sandbox on, a suggestion: the rules then bind the commands it runs', async () => {
    const run = await scratch.lint({ [file]: '{\n    "sandbox": { "enabled": true },\n    "permissions": { "deny": ["Read(~/.aws/**)"] }\n}\n' });
    const [hit] = run.findings.filter((f) => f.ruleId === 'secrets-readable');
    expect(hit.fix?.safe).toBe(false);
    expect(hit.fix?.caution).toMatch(/sandbox is on/);
    expect(hit.fix?.edits.every((e) => e.length === 0)).toBe(true);
  });

  test('quiet: every target covered', async () => {
    const run = await scratch.lint({ [file]: '{\n\t"permissions": {\n\t\t"deny": ["Read(./.env)", "Read(~/.ssh/**)", "Read(~/.aws/**)"]\n\t}\n}\n' });
    expect(run.findings.filter((f) => f.ruleId === 'secrets-readable')).toEqual([]);
  });
});

describe('Codex approval_policy = "never" → "on-request" (codexApprovalFix)', () => {
  const file = '.codex/config.toml';
  const text = '# keep me\nsandbox_mode = "workspace-write"\napproval_policy = "never" # keep me too\n\n[profiles.ci]\n    # keep me, indented\n    approval_policy = \'never\'\n';

  async function valueNodes(files: Files) {
    const model = await scratch.model(files);
    const cfg = model.policies.flatMap((p) => p.codex).find((c) => c.file === file)!;
    const ci = get(get(cfg.tree, 'profiles'), 'ci') as LMap | undefined;
    return { model, top: entry(cfg.tree, 'approval_policy')!.value, ci: entry(ci, 'approval_policy')?.value };
  }

  const approvalFindings = (run: LintRun) => run.findings.filter((f) => f.ruleId === 'codex-sandbox-disabled' && f.message.startsWith('`approval_policy = "never"`'));

  test('the top level and a profile, each in its own quotes; comments and indentation kept', async () => {
    const files = { [file]: text };
    const before = await scratch.lint(files);
    expect(approvalFindings(before).map((f) => f.line)).toEqual([3, 7]);
    const { model, top, ci } = await valueNodes(files);
    const fixes = [codexApprovalFix(model, top)!, codexApprovalFix(model, ci!)!];
    for (const f of fixes) {
      expect(f.safe).toBe(true);
      expect(f.file).toBe(file);
    }
    expect(fixes[0].edits).toEqual([{ offset: text.indexOf('"never"'), length: 7, text: '"on-request"' }]);
    expect(fixes[1].edits).toEqual([{ offset: text.indexOf("'never'"), length: 7, text: "'on-request'" }]);
    const after = applyTextEdits(text, fixes.flatMap((f) => f.edits));
    expect(after).toBe('# keep me\nsandbox_mode = "workspace-write"\napproval_policy = "on-request" # keep me too\n\n[profiles.ci]\n    # keep me, indented\n    approval_policy = \'on-request\'\n');
    for (const line of ['# keep me', '    # keep me, indented']) expect(after.split('\n')).toContain(line);

    const fixed = await scratch.lint({ [file]: after });
    expect(fixed.findings.filter((f) => f.ruleId === 'invalid-config')).toEqual([]);
    expect(approvalFindings(fixed)).toEqual([]);
    expect(census(fixed.findings)).toEqual(without(census(before.findings), `codex-sandbox-disabled ${file}`, 2));
    // Fixed: nothing more to offer.
    const again = await valueNodes({ [file]: after });
    expect(codexApprovalFix(again.model, again.top)).toBeUndefined();
    expect(codexApprovalFix(again.model, again.ci!)).toBeUndefined();
  });

  test('with no sandbox (the error case) the same edit, the rest of the findings unchanged', async () => {
    const t = '# keep me\nsandbox_mode = "danger-full-access"\n\tapproval_policy = "never"\n';
    const files = { [file]: t };
    const before = await scratch.lint(files);
    const { model, top } = await valueNodes(files);
    const fix = codexApprovalFix(model, top)!;
    const after = applyTextEdits(t, fix.edits);
    expect(after).toBe('# keep me\nsandbox_mode = "danger-full-access"\n\tapproval_policy = "on-request"\n');
    const fixed = await scratch.lint({ [file]: after });
    expect(approvalFindings(fixed)).toEqual([]);
    expect(census(fixed.findings)).toEqual(without(census(before.findings), `codex-sandbox-disabled ${file}`));
  });

  test('a caution makes it a suggestion', async () => {
    const { model, top } = await valueNodes({ [file]: text });
    expect(codexApprovalFix(model, top, 'why')).toMatchObject({ safe: false, caution: 'why' });
  });

  test('quiet: on-request already', async () => {
    const run = await scratch.lint({ [file]: '# keep me\napproval_policy = "on-request"\n' });
    expect(approvalFindings(run)).toEqual([]);
  });
});
