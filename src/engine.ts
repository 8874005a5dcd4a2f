/** Runs the rules over the model, then applies config levels, config ignores and inline suppressions. */
import type { Finding, Loc, Severity } from './types.js';
import type { Rule } from './rule.js';
import type { ProjectModel } from './model/project.js';
import { pathMatcher, type Config } from './config.js';
import { readSuppressions, type Suppression } from './suppress.js';
import path from 'node:path';
import { PROFILES, raiseToFloor } from './posture/profiles.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export interface EngineOptions {
  config: Config;
  cwd: string;
  /** `--no-inline-suppressions` or config `inlineSuppressions: false`. */
  inlineSuppressions: boolean;
  /** Today, for config ignores with `expires` (injectable for tests). */
  today?: Date;
}

export function runRules(model: ProjectModel, rules: Rule[], opts: EngineOptions): Finding[] {
  const levels = opts.config.rules;
  const profile = PROFILES[opts.config.profile];
  const enabled = rules.filter((r) => levels[r.id] !== 'off');
  const raw: Finding[] = [];
  for (const rule of enabled) {
    rule.check(model, (loc, message, o) => {
      const level = (levels[rule.id] as Severity | undefined) ?? raiseToFloor(profile, rule.id, o?.severity ?? rule.severity);
      const f = toFinding(rule.id, level, message, loc);
      if (o?.redact) f.redact = true;
      if (o?.fix) f.fix = o.fix;
      raw.push(f);
    });
  }
  const findings = dedupe(raw);
  applyConfigIgnores(findings, opts);
  const extra = opts.inlineSuppressions ? applyInline(findings, model, rules, levels) : [];
  return sortFindings([...findings, ...extra]);
}

function toFinding(ruleId: string, severity: Severity, message: string, loc: Loc): Finding {
  return { ruleId, severity, message, file: loc.file, line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

/** Two paths to one risk (a devcontainer and the compose service it names) must not report it twice. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.endLine}\0${f.endColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function applyConfigIgnores(findings: Finding[], opts: EngineOptions): void {
  const today = opts.today ?? new Date();
  for (const ig of opts.config.ignores) {
    if (ig.expires && Date.parse(ig.expires) < today.getTime()) continue;
    const match = pathMatcher(opts.config, ig.paths);
    for (const f of findings) {
      if (f.suppressed || f.ruleId !== ig.rule) continue;
      if (match(path.resolve(opts.cwd, f.file))) f.suppressed = { kind: 'config', reason: ig.reason };
    }
  }
}

function applyInline(findings: Finding[], model: ProjectModel, rules: Rule[], levels: Config['rules']): Finding[] {
  const known = new Set(rules.map((r) => r.id));
  const byFile = new Map<string, Suppression[]>();
  for (const f of model.files) {
    const s = readSuppressions(f);
    if (s.length) byFile.set(f.file, s);
  }
  for (const f of findings) {
    if (f.suppressed) continue;
    for (const s of byFile.get(f.file) ?? []) {
      if (!s.rules.includes(f.ruleId)) continue;
      if (s.scope === 'next-line' && s.line !== f.line) continue;
      s.used.add(f.ruleId);
      f.suppressed = { kind: 'inline', reason: s.reason ?? '(no reason given)' };
      break;
    }
  }
  if (levels[UNUSED_SUPPRESSION] === 'off') return [];
  const severity = (levels[UNUSED_SUPPRESSION] as Severity | undefined) ?? 'warning';
  const extra: Finding[] = [];
  for (const list of byFile.values()) {
    for (const s of list) {
      const problems: string[] = [];
      if (s.rules.length === 0) problems.push('names no rule id');
      for (const r of s.rules) {
        if (!known.has(r)) problems.push(`names the unknown rule "${r}"`);
        else if (!s.used.has(r) && levels[r] !== 'off') problems.push(`suppresses no ${r} finding`);
      }
      if (!s.reason) problems.push('gives no reason (add `-- <why>`)');
      if (problems.length) {
        extra.push(toFinding(UNUSED_SUPPRESSION, severity, `This suppression comment ${problems.join(', ')}. Remove it or fix it: a stale suppression hides the next real finding on that line.`, s.loc));
      }
    }
  }
  return extra;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1)
      : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
