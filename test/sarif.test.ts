/** The SARIF of the whole fixture tree is what GitHub code scanning accepts, and says what it shows. */
import path from 'node:path';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { formatSarif } from '../src/report/sarif.js';
import { validateSarif } from './helpers/sarif.js';

it('the fixture tree gives a valid SARIF log with every rule described', async () => {
  const cwd = path.resolve('.');
  const run = await lint({ paths: ['fixtures', 'examples'], cwd, config: defaultConfig(cwd), inlineSuppressions: true });
  const log = JSON.parse(formatSarif(run));
  expect(validateSarif(log)).toEqual([]);
  const [sarifRun] = log.runs;
  expect(sarifRun.results.length).toBeGreaterThan(100);
  const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
  expect(ruleIds).toEqual(run.rules.map((r) => r.id));
  for (const rule of sarifRun.tool.driver.rules) {
    expect(rule.help.markdown).toContain('## How to fix');
    expect(rule.helpUri).toMatch(/\/docs\/rules\/[a-z-]+\.md$/);
    expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(rule.properties.tags).toContain('security');
  }
  // Every result points into the repository with a relative path, never at this machine.
  for (const r of sarifRun.results) {
    const uri: string = r.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri.startsWith('fixtures/') || uri.startsWith('examples/')).toBe(true);
  }
  expect(JSON.stringify(log)).not.toContain(cwd);
  // Files that could not be parsed are also tool notifications.
  const notes = sarifRun.invocations[0].toolExecutionNotifications;
  expect(notes.length).toBe(run.findings.filter((f) => f.ruleId === 'invalid-config' && !f.suppressed).length);
});

it('partial fingerprints are stable when unrelated lines move, and differ between findings', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asl-fp-'));
  const prints = async (text: string) => {
    writeFileSync(path.join(dir, 'compose.yaml'), text);
    const run = await lint({ paths: ['.'], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
    const log = JSON.parse(formatSarif(run));
    return log.runs[0].results.map((r: { ruleId: string; partialFingerprints: Record<string, string> }) => `${r.ruleId} ${r.partialFingerprints['agentSandboxLint/v1']}`).sort();
  };
  try {
    const before = await prints('services:\n  a:\n    image: x:1\n    privileged: true\n    cap_add: [SYS_ADMIN, SYS_PTRACE]\n');
    const after = await prints('# a comment\n\nservices:\n  a:\n    image: x:1\n\n    privileged: true\n    cap_add: [SYS_ADMIN, SYS_PTRACE]\n');
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
