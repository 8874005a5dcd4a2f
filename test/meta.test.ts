/** The rule contract: every rule is complete, documented, and has fixtures that fire and stay quiet. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../src/rule-registry.generated.js';
import { DIMENSIONS } from '../src/rule.js';
import { readExpectations } from './helpers/expectations.js';

const FIXTURES = path.resolve('fixtures');

function cases(rule: string): { name: string; expected: number }[] {
  const dir = path.join(FIXTURES, rule);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((c) => statSync(path.join(dir, c)).isDirectory());
  } catch {
    return [];
  }
  return names.map((name) => ({ name, expected: readExpectations(path.join(dir, name)).filter((e) => e.ruleId === rule).length }));
}

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it('is named after its file and listed once', () => {
    expect(readdirSync('rules')).toContain(`${id}.ts`);
    expect(RULES.filter((r) => r.id === id)).toHaveLength(1);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has complete metadata', () => {
    expect(['error', 'warning', 'note']).toContain(rule.severity);
    expect(rule.securitySeverity).toBeGreaterThan(0);
    expect(rule.securitySeverity).toBeLessThanOrEqual(10);
    expect(['very-high', 'high', 'medium', 'low']).toContain(rule.precision);
    expect(DIMENSIONS).toContain(rule.dimension);
    expect(rule.tags).toContain('security');
    expect(new Set(rule.tags).size).toBe(rule.tags.length);
    expect(rule.title.length).toBeGreaterThan(5);
  });

  it('has docs with a why and a how to fix', () => {
    expect(rule.docs.split('\n\n')[0].length).toBeGreaterThan(40);
    expect(rule.docs).toMatch(/^## Why it matters$/m);
    expect(rule.docs).toMatch(/^## How to fix$/m);
  });

  it('has a firing and a quiet fixture', () => {
    const c = cases(id);
    expect(c.filter((x) => x.name.startsWith('fires-') && x.expected > 0).length).toBeGreaterThan(0);
    expect(c.filter((x) => x.name.startsWith('quiet-') && x.expected === 0).length).toBeGreaterThan(0);
    // A case's name says what it asserts.
    for (const x of c) expect(x.name.startsWith('fires-') ? x.expected > 0 : x.name.startsWith('quiet-') && x.expected === 0).toBe(true);
  });
});

it('the registry lists exactly the files in rules/', () => {
  const files = readdirSync('rules').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  expect(RULES.map((r) => r.id).sort()).toEqual(files);
});
