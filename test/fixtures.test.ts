/**
 * Every folder under fixtures/<rule-id>/ is a case. Exactly the expected findings of the rules in scope
 * (the folder's rule plus any rule the case names) must appear: same rule, file and line.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { lint } from '../src/lint.js';
import { defaultConfig, loadConfig } from '../src/config.js';
import { RULES } from '../src/rule-registry.generated.js';
import { key, readExpectations } from './helpers/expectations.js';

const FIXTURES = path.resolve('fixtures');
const ruleDirs = readdirSync(FIXTURES).filter((d) => statSync(path.join(FIXTURES, d)).isDirectory());

export function caseDirs(rule: string): string[] {
  const dir = path.join(FIXTURES, rule);
  return readdirSync(dir).filter((c) => statSync(path.join(dir, c)).isDirectory()).map((c) => path.join(dir, c));
}

describe.each(ruleDirs)('%s', (rule) => {
  it.each(caseDirs(rule).map((d) => [path.basename(d), d]))('%s', async (_name, caseDir) => {
    const cfgFile = path.join(caseDir, '.agent-sandbox-lint.yaml');
    const config = existsSync(cfgFile) ? loadConfig(cfgFile, RULES.map((r) => r.id)) : defaultConfig(caseDir);
    const run = await lint({ paths: ['.'], cwd: caseDir, config, inlineSuppressions: config.inlineSuppressions, today: new Date('2026-11-24') });
    const expected = readExpectations(caseDir);
    const scope = new Set([rule, ...expected.map((e) => e.ruleId)]);
    const actual = run.findings.filter((f) => scope.has(f.ruleId) && !f.suppressed).map((f) => key({ file: f.file, line: f.line, ruleId: f.ruleId }));
    expect(actual.sort()).toEqual(expected.map(key).sort());
  });
});

it('every fixture folder is named after a rule', () => {
  const ids = new Set(RULES.map((r) => r.id));
  expect(ruleDirs.filter((d) => !ids.has(d))).toEqual([]);
});
