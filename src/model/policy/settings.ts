/**
 * Claude Code settings merged the way Claude Code merges them (code.claude.com/docs/en/settings#settings-precedence;
 * merge order in @anthropic-ai/claude-code 2.1.197 and 2.1.331: user < project < local < flag < policy):
 * a single value comes from the highest-precedence file that sets it, lists are concatenated across files,
 * objects merge key by key. Every effective value keeps the file, scope and location it came from.
 */
import type { Loc } from '../../types.js';
import { entry, isScalar, isSeq, type LEntry, type LMap, type LNode, type LScalar, type Scalar } from '../../parse/tree.js';
import { parsePermissionRule, type PermissionRule, type RuleList } from './permission-rule.js';

/**
 * Whose settings a file is. `.claude/settings.json` is project scope unless the repository shows it is the
 * user's own `~/.claude/settings.json` (a dotfiles repository, a folder mounted as a container's `~/.claude`,
 * or the config's `scopes`): see inferScope and agent-policy.ts resolvePolicyScopes.
 */
export type SettingsScope = 'user' | 'project' | 'local' | 'managed';

const PRECEDENCE: Record<SettingsScope, number> = { user: 0, project: 1, local: 2, managed: 4 };

export interface SettingsSource {
  file: string;
  scope: SettingsScope;
  /** How the scope was decided when the file name alone does not say it, for messages ("a chezmoi source of ~/.claude/settings.json"). */
  scopeWhy?: string;
  tree: LMap;
}

/** One value as Claude Code would use it, and where it was decided. */
export interface Effective {
  node: LNode;
  /** The key's location: findings about the value point here. */
  keyLoc: Loc;
  file: string;
  scope: SettingsScope;
  /** Lower-precedence files that set the same key to something else. */
  overridden: { file: string; scope: SettingsScope; node: LNode; keyLoc: Loc }[];
}

export interface ListItem {
  node: LNode;
  /** The item's text (strings only; other items are left to invalid-setting). */
  value?: string;
  loc: Loc;
  file: string;
  scope: SettingsScope;
}

export interface ClaudeSettings {
  /** Lowest precedence first. */
  sources: SettingsSource[];
  /** The effective single value at `path` (`['sandbox', 'enabled']`), or undefined when no file sets it. */
  get(...path: string[]): Effective | undefined;
  /** Every item of the list at `path`, concatenated across files (lowest precedence first). */
  list(...path: string[]): ListItem[];
  /** Each source's own entry at `path` (for rules about what one file says). */
  each(...path: string[]): { source: SettingsSource; entry: LEntry }[];
  rules: PermissionRule[];
}

export function scopeOf(file: string): SettingsScope {
  if (/(^|\/)managed-settings\.json$/.test(file)) return 'managed';
  if (/(^|\/)settings\.local\.json$/.test(file)) return 'local';
  return inferScope(file)?.scope ?? 'project';
}

/** chezmoi names `~/.claude` `dot_claude`, with attribute prefixes (`private_dot_claude`, `exact_dot_claude`). */
const CHEZMOI = (tool: string) => new RegExp(`^(?:(?:private|exact|readonly|empty|literal)_)*dot_${tool}$`);

/**
 * User scope read from the path of a file in a dotfiles repository (the file is `~/.claude/settings.json` or
 * `~/.codex/config.toml` once installed), or undefined when the path says nothing (project scope is assumed):
 * - chezmoi: `dot_claude/settings.json` (also under `home/`, chezmoi's usual `.chezmoiroot`);
 * - GNU stow: a package named after the tool, `claude/.claude/settings.json`, or with `--dotfiles`, `dot-claude/settings.json`;
 * - a `home/` tree: `home/.claude/settings.json`;
 * - a tool folder outside `.claude/`: `claude/settings.json`, `config/claude/settings.json`, `llm/claude/settings.json`
 *   (Claude Code never reads a `claude/` folder itself, so such a file is only ever linked or copied to `~/.claude`).
 * `settings.local.json` keeps its own scope. Codex: the same shapes with `codex` and `config.toml`.
 */
export function inferScope(file: string): { scope: 'user'; why: string } | undefined {
  const parts = file.split('/');
  const base = parts[parts.length - 1];
  const tool = base === 'settings.json' ? 'claude' : base === 'config.toml' ? 'codex' : undefined;
  if (!tool) return undefined;
  const dir = parts[parts.length - 2] ?? '';
  const above = parts[parts.length - 3] ?? '';
  const home = `~/.${tool}/${base}`;
  if (CHEZMOI(tool).test(dir)) return { scope: 'user', why: `${file} is a chezmoi source of ${home}` };
  if (dir === `dot-${tool}`) return { scope: 'user', why: `${file} is a stow (--dotfiles) package file for ${home}` };
  if (dir === `.${tool}` && above === 'home') return { scope: 'user', why: `${file} sits in a home/ tree of a dotfiles repository: it is ${home}` };
  if (dir === `.${tool}` && (above === tool || above === `${tool}-code`)) return { scope: 'user', why: `${file} is in a stow package (${above}/) of a dotfiles repository: it is ${home}` };
  if (dir === tool) return { scope: 'user', why: `${file} is kept outside .${tool}/ in a dotfiles folder, so it is the user's ${home}` };
  return undefined;
}

/** The scope and how it was decided, for messages: ` (user scope: …)`, or '' when the file name says it. */
export function scopeNote(s: { scope: SettingsScope; scopeWhy?: string }): string {
  return s.scopeWhy ? ` (${s.scope} scope: ${s.scopeWhy})` : '';
}

function entryAt(tree: LNode, path: string[]): LEntry | undefined {
  let node: LNode | undefined = tree;
  let e: LEntry | undefined;
  for (const k of path) {
    e = entry(node, k);
    if (!e) return undefined;
    node = e.value;
  }
  return e;
}

/** Lowest precedence first, as Claude Code merges them; in place, so a scope decided later re-orders the merge. */
export function sortByPrecedence(sources: SettingsSource[]): void {
  sources.sort((a, b) => PRECEDENCE[a.scope] - PRECEDENCE[b.scope] || (a.file < b.file ? -1 : 1));
}

export function buildClaudeSettings(files: { file: string; tree: LMap }[]): ClaudeSettings {
  const sources: SettingsSource[] = files.map((f) => {
    const inferred = scopeOf(f.file) === 'project' ? undefined : inferScope(f.file);
    return { file: f.file, scope: scopeOf(f.file), tree: f.tree, ...(inferred ? { scopeWhy: inferred.why } : {}) };
  });
  sortByPrecedence(sources);

  const each = (...path: string[]) =>
    sources.flatMap((source) => {
      const e = entryAt(source.tree, path);
      return e ? [{ source, entry: e }] : [];
    });

  const get = (...path: string[]): Effective | undefined => {
    const all = each(...path);
    const win = all[all.length - 1];
    if (!win) return undefined;
    const same = (n: LNode) => isScalar(n) && isScalar(win.entry.value) && n.value === win.entry.value.value;
    return {
      node: win.entry.value,
      keyLoc: win.entry.keyLoc,
      file: win.source.file,
      scope: win.source.scope,
      overridden: all.slice(0, -1).filter((o) => !same(o.entry.value)).map((o) => ({ file: o.source.file, scope: o.source.scope, node: o.entry.value, keyLoc: o.entry.keyLoc })),
    };
  };

  const list = (...path: string[]): ListItem[] =>
    each(...path).flatMap(({ source, entry: e }) =>
      isSeq(e.value)
        ? e.value.items.map((node) => ({ node, value: isScalar(node) && typeof node.value === 'string' ? node.value : undefined, loc: node.loc, file: source.file, scope: source.scope }))
        : [],
    );

  const rules: PermissionRule[] = [];
  for (const l of ['allow', 'deny', 'ask'] as RuleList[]) {
    for (const item of list('permissions', l)) {
      if (item.value !== undefined) rules.push(parsePermissionRule(item.value, l, item.loc, item.file, item.scope));
    }
  }
  return { sources, get, list, each, rules };
}

/** The effective value as a scalar, or undefined. */
export function scalarOf(e: Effective | undefined): Scalar | undefined {
  return e && isScalar(e.node) ? e.node.value : undefined;
}

export type { LScalar };

/** A node's scalar value, or undefined for maps and lists. */
export function scalar(n: LNode | undefined): Scalar | undefined {
  return isScalar(n) ? n.value : undefined;
}
