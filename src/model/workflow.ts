/**
 * A GitHub Actions workflow (`.github/workflows/*.yml`) as a located model: triggers with their filters,
 * workflow and job `permissions`, job and step `if:` conditions, `env` at each level, and the steps in order
 * with `uses` (and its ref), `with` inputs and `run` scripts. Source: docs.github.com "Workflow syntax for GitHub
 * Actions", "Events that trigger workflows" (anchors/agent-surfaces.md §8.5).
 */
import type { Loc, Located } from '../types.js';
import { entry, get, isMap, isScalar, isSeq, items, located, str, type LEntry, type LNode } from '../parse/tree.js';

export interface Trigger {
  event: string;
  /** The event's key under `on:` (or its list element). */
  loc: Loc;
  /** `types:` filter, when given. */
  types?: string[];
}

export interface Permissions {
  loc: Loc;
  /** `read-all`, `write-all` or `{}` written as a whole. */
  all?: string;
  scopes: Map<string, Located<string>>;
}

export interface NamedValue {
  name: string;
  value: string;
  loc: Loc;
}

export interface Step {
  index: number;
  /** The step's first key: where the step is. */
  loc: Loc;
  id?: string;
  name?: string;
  if?: Located<string>;
  uses?: Located<string>;
  with: Map<string, Located<string> & { keyLoc: Loc }>;
  env: NamedValue[];
  run?: Located<string>;
}

export interface Job {
  id: string;
  loc: Loc;
  if?: Located<string>;
  permissions?: Permissions;
  env: NamedValue[];
  steps: Step[];
  /** `uses:` of a job that calls a reusable workflow. */
  uses?: Located<string>;
  /** The jobs it waits for (`needs:`): their `if:` also decides whether it runs. */
  needs: string[];
}

export interface Workflow {
  file: string;
  /** For a reusable workflow (`on: workflow_call`): the jobs of the scan that call it (`uses: ./.github/workflows/x.yml`). */
  callers?: { workflow: Workflow; job: Job }[];
  triggers: Trigger[];
  permissions?: Permissions;
  env: NamedValue[];
  jobs: Job[];
}

function named(map: LNode | undefined): NamedValue[] {
  if (!isMap(map)) return [];
  return map.entries.flatMap((e) => {
    const v = str(e.value);
    return v === undefined ? [] : [{ name: e.key, value: v, loc: e.value.loc }];
  });
}

function permissions(e: LEntry | undefined): Permissions | undefined {
  if (!e) return undefined;
  const all = str(e.value);
  if (all !== undefined) return { loc: e.value.loc, all, scopes: new Map() };
  const scopes = new Map<string, Located<string>>();
  if (isMap(e.value)) for (const s of e.value.entries) { const v = located(s.value); if (v) scopes.set(s.key, { value: v.value, loc: s.keyLoc }); }
  return { loc: e.keyLoc, all: isMap(e.value) && e.value.entries.length === 0 ? '{}' : undefined, scopes };
}

function triggers(on: LEntry | undefined): Trigger[] {
  if (!on) return [];
  const v = on.value;
  if (isScalar(v)) return str(v) ? [{ event: str(v)!, loc: v.loc }] : [];
  if (isSeq(v)) return v.items.flatMap((i) => (str(i) ? [{ event: str(i)!, loc: i.loc }] : []));
  if (!isMap(v)) return [];
  return v.entries.map((e) => {
    const types = get(e.value, 'types');
    const list = isSeq(types) ? types.items.flatMap((t) => str(t) ?? []) : str(types) ? [str(types)!] : undefined;
    return { event: e.key, loc: e.keyLoc, types: list };
  });
}

function step(n: LNode, index: number): Step | undefined {
  if (!isMap(n)) return undefined;
  const withMap = new Map<string, Located<string> & { keyLoc: Loc }>();
  const w = get(n, 'with');
  if (isMap(w)) for (const e of w.entries) { const v = located(e.value); if (v) withMap.set(e.key, { ...v, keyLoc: e.keyLoc }); }
  return {
    index,
    loc: n.entries[0]?.keyLoc ?? n.loc,
    id: str(get(n, 'id')),
    name: str(get(n, 'name')),
    if: located(get(n, 'if')),
    uses: located(get(n, 'uses')),
    with: withMap,
    env: named(get(n, 'env')),
    run: located(get(n, 'run')),
  };
}

export function buildWorkflow(tree: LNode | undefined, file: string): Workflow | undefined {
  if (!isMap(tree)) return undefined;
  const jobs = get(tree, 'jobs');
  return {
    file,
    triggers: triggers(entry(tree, 'on') ?? entry(tree, 'true')),
    permissions: permissions(entry(tree, 'permissions')),
    env: named(get(tree, 'env')),
    jobs: isMap(jobs)
      ? jobs.entries.map((j) => ({
          id: j.key,
          loc: j.keyLoc,
          if: located(get(j.value, 'if')),
          permissions: permissions(entry(j.value, 'permissions')),
          env: named(get(j.value, 'env')),
          steps: items(get(j.value, 'steps')).flatMap((s, i) => step(s, i) ?? []),
          uses: located(get(j.value, 'uses')),
          needs: items(get(j.value, 'needs')).flatMap((n) => str(n) ?? []).concat(str(get(j.value, 'needs')) ? [str(get(j.value, 'needs'))!] : []),
        }))
      : [],
  };
}

/** A composite action's steps (`runs.steps` of a local `action.yml`), as a job's. */
export function compositeSteps(tree: LNode | undefined): Step[] {
  const runs = get(tree, 'runs');
  if (str(get(runs, 'using')) !== 'composite') return [];
  return items(get(runs, 'steps')).flatMap((s, i) => step(s, i) ?? []);
}
