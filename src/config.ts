/**
 * `.agent-sandbox-lint.yaml`: rule levels, ignored paths, ignores with a reason (and an optional expiry),
 * and options. Validated strictly: a typo in a rule id must not silently switch nothing off.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Severity } from './types.js';
import { TextIndex } from './parse/text-index.js';
import { parseYaml } from './parse/yaml.js';
import { ParseFailure } from './parse/result.js';
import { get, isMap, isSeq, str, type LNode } from './parse/tree.js';
import { closest } from './suggest.js';
import type { HardeningScope } from './model/agent-container.js';
import type { ScopeOverride } from './model/agent-policy.js';
import type { SettingsScope } from './model/policy/settings.js';
import { isProfileName, PROFILE_NAMES, type ProfileName } from './posture/profiles.js';

export const CONFIG_NAMES = ['.agent-sandbox-lint.yaml', '.agent-sandbox-lint.yml'];
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface ConfigIgnore {
  rule: string;
  /** Globs relative to the config file's folder; empty means everywhere. */
  paths: string[];
  reason: string;
  expires?: string;
}

/** `scopes:` entry: agent settings files whose scope the config states (a dotfiles layout the inference does not know). */
export interface ConfigScope {
  /** Globs relative to the config file's folder. */
  paths: string[];
  scope: SettingsScope;
}

export interface Config {
  /** Absolute path of the file it came from, if any. */
  source?: string;
  dir: string;
  rules: Record<string, Severity | 'off'>;
  ignorePaths: string[];
  ignores: ConfigIgnore[];
  inlineSuppressions: boolean;
  maxFileSize: number;
  /** Which containers the hardening-gap rules judge: the agents' (default) or all. */
  hardening: HardeningScope;
  /** Scopes stated for agent settings files; the first entry that matches a file wins. */
  scopes: ConfigScope[];
  /** The use case levels and the posture are judged for (`--profile` overrides it). */
  profile: ProfileName;
}

export class ConfigError extends Error {}

export function defaultConfig(dir: string): Config {
  return { dir, rules: {}, ignorePaths: [], ignores: [], inlineSuppressions: true, maxFileSize: DEFAULT_MAX_FILE_SIZE, hardening: 'agent-containers', scopes: [], profile: 'default' };
}

/** The nearest config file at or above `start` (a folder or a file). */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const SEVERITIES = ['error', 'warning', 'note', 'off'];
const TOP_KEYS = ['rules', 'ignorePaths', 'ignores', 'inlineSuppressions', 'maxFileSize', 'hardening', 'scopes', 'profile'];
const HARDENING: HardeningScope[] = ['agent-containers', 'all-containers'];
const SCOPES: SettingsScope[] = ['user', 'project', 'local', 'managed'];
const SCOPE_KEYS = ['paths', 'scope'];

export function loadConfig(file: string, knownRules: string[]): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const index = new TextIndex(file, text);
  let root: LNode;
  try {
    root = parseYaml(index);
  } catch (e) {
    if (e instanceof ParseFailure) throw new ConfigError(`${file}: ${e.problem.message}`);
    throw e;
  }
  const cfg = defaultConfig(path.dirname(file));
  cfg.source = file;
  if (isMap(root) && root.entries.length === 0) return cfg;
  if (!isMap(root)) throw new ConfigError(`${file}: the config must be a mapping of ${TOP_KEYS.join(', ')}`);
  const where = (n: LNode) => `${file}:${n.loc.start.line}:${n.loc.start.column}`;

  for (const e of root.entries) {
    if (!TOP_KEYS.includes(e.key)) throw new ConfigError(`${where(e.value)}: unknown key "${e.key}"${didYouMean(e.key, TOP_KEYS)}; known keys: ${TOP_KEYS.join(', ')}`);
  }
  const rules = get(root, 'rules');
  if (rules) {
    if (!isMap(rules)) throw new ConfigError(`${where(rules)}: "rules" must map rule ids to error, warning, note or off`);
    for (const e of rules.entries) {
      if (!knownRules.includes(e.key)) throw new ConfigError(`${where(e.value)}: unknown rule "${e.key}"${didYouMean(e.key, knownRules)}`);
      const level = str(e.value);
      if (!level || !SEVERITIES.includes(level)) throw new ConfigError(`${where(e.value)}: rule "${e.key}" must be one of ${SEVERITIES.join(', ')}`);
      cfg.rules[e.key] = level as Severity | 'off';
    }
  }
  cfg.ignorePaths = stringList(get(root, 'ignorePaths'), 'ignorePaths', where);
  const ignores = get(root, 'ignores');
  if (ignores) {
    if (!isSeq(ignores)) throw new ConfigError(`${where(ignores)}: "ignores" must be a list of {rule, paths, reason, expires}`);
    for (const item of ignores.items) {
      const rule = str(get(item, 'rule'));
      const reason = str(get(item, 'reason'));
      if (!rule || !knownRules.includes(rule)) throw new ConfigError(`${where(item)}: an ignore needs a known "rule"${rule ? ` ("${rule}" is unknown${didYouMean(rule, knownRules)})` : ''}`);
      if (!reason?.trim()) throw new ConfigError(`${where(item)}: the ignore of "${rule}" needs a "reason"`);
      const expires = str(get(item, 'expires'));
      if (expires !== undefined && Number.isNaN(Date.parse(expires))) throw new ConfigError(`${where(item)}: "expires" must be a date (YYYY-MM-DD)`);
      cfg.ignores.push({ rule, reason, expires, paths: stringList(get(item, 'paths'), 'paths', where) });
    }
  }
  const inline = get(root, 'inlineSuppressions');
  if (inline) {
    if (str(inline) !== 'true' && str(inline) !== 'false') throw new ConfigError(`${where(inline)}: "inlineSuppressions" must be true or false`);
    cfg.inlineSuppressions = str(inline) === 'true';
  }
  const max = get(root, 'maxFileSize');
  if (max) {
    const n = Number(str(max));
    if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${where(max)}: "maxFileSize" must be a positive number of bytes`);
    cfg.maxFileSize = n;
  }
  const hardening = get(root, 'hardening');
  if (hardening) {
    const v = str(hardening);
    if (!HARDENING.includes(v as HardeningScope)) throw new ConfigError(`${where(hardening)}: "hardening" must be ${HARDENING.join(' or ')}${v ? didYouMean(v, HARDENING) : ''}`);
    cfg.hardening = v as HardeningScope;
  }
  const profile = get(root, 'profile');
  if (profile) {
    const v = str(profile);
    if (!v || !isProfileName(v)) throw new ConfigError(`${where(profile)}: "profile" must be ${PROFILE_NAMES.join(', ')}${v ? didYouMean(v, [...PROFILE_NAMES]) : ''}`);
    cfg.profile = v;
  }
  const scopes = get(root, 'scopes');
  if (scopes) {
    if (!isSeq(scopes)) throw new ConfigError(`${where(scopes)}: "scopes" must be a list of {paths, scope}`);
    for (const item of scopes.items) {
      if (!isMap(item)) throw new ConfigError(`${where(item)}: each "scopes" entry must be {paths, scope}`);
      for (const e of item.entries) {
        if (!SCOPE_KEYS.includes(e.key)) throw new ConfigError(`${where(e.value)}: unknown key "${e.key}" in a "scopes" entry${didYouMean(e.key, SCOPE_KEYS)}; known keys: ${SCOPE_KEYS.join(', ')}`);
      }
      const scope = str(get(item, 'scope'));
      if (!scope || !SCOPES.includes(scope as SettingsScope)) throw new ConfigError(`${where(item)}: a "scopes" entry needs "scope": ${SCOPES.join(', ')}${scope ? didYouMean(scope, SCOPES) : ''}`);
      const paths = stringList(get(item, 'paths'), 'paths', where);
      if (paths.length === 0) throw new ConfigError(`${where(item)}: the "scopes" entry for ${scope} needs "paths" (globs of settings files)`);
      cfg.scopes.push({ paths, scope: scope as SettingsScope });
    }
  }
  return cfg;
}

/** The config's `scopes` as the model takes them: matched against a file's display path (relative to `cwd`). */
export function scopeOverrides(cfg: Config, cwd: string): ScopeOverride[] {
  const stated = cfg.source ? path.relative(cwd, cfg.source).split(path.sep).join('/') || path.basename(cfg.source) : 'the config';
  return cfg.scopes.map((s) => {
    const match = pathMatcher(cfg, s.paths);
    return { scope: s.scope, stated: `${stated} (scopes)`, matches: (file: string) => match(path.resolve(cwd, file)) };
  });
}

function stringList(n: LNode | undefined, key: string, where: (n: LNode) => string): string[] {
  if (!n) return [];
  if (str(n) !== undefined) return [str(n)!];
  if (!isSeq(n) || n.items.some((i) => str(i) === undefined)) throw new ConfigError(`${where(n)}: "${key}" must be a list of globs`);
  return n.items.map((i) => str(i)!);
}

export function didYouMean(word: string, options: string[]): string {
  const best = closest(word, options);
  return best ? ` (did you mean "${best}"?)` : '';
}

/** A matcher for globs written relative to the config file's folder, applied to absolute paths. */
export function pathMatcher(cfg: Config, globs: string[]): (abs: string) => boolean {
  if (globs.length === 0) return () => true;
  const match = picomatch(globs, { dot: true });
  return (abs) => {
    const rel = path.relative(cfg.dir, abs).split(path.sep).join('/');
    return match(rel) || match(`${rel}/`);
  };
}
