/**
 * Splitting a large scan into shards that are linted on their own: one model per shard keeps memory bounded
 * however big the repository, and shards run on every core. A shard holds whole folders: the files of a folder
 * stay together with its dot-folders (`.devcontainer`, `.claude`, `.codex`) and with the settings that configure
 * it, because those are the files that refer to each other. A reference that still crosses shards (a
 * devcontainer naming `../../other/compose.yaml`) is caught after the run and its shards are linted together
 * (parallel.ts), so sharding never changes a result.
 */
import path from 'node:path';
import type { Candidate } from './discover.js';
import { projectDir } from './model/agent-policy.js';

/** Files per shard: big enough that per-shard overhead vanishes, small enough that a shard's model stays small. */
export const SHARD_SIZE = 500;

/** The folder (relative, `/`-separated, '' for the top) a file is linted together with. */
export function anchorDir(rel: string, kind: Candidate['kind']): string {
  const own = kind === 'devcontainer' || kind === 'compose' || kind === 'dockerfile' || kind === 'shell' || kind === 'vscode-settings' ? path.posix.dirname(rel) : projectDir(rel, kind);
  const parts = own === '.' ? [] : own.split('/');
  const dot = parts.findIndex((p) => p.startsWith('.') && p !== '.' && p !== '..');
  return (dot < 0 ? parts : parts.slice(0, dot)).join('/');
}

interface Folder {
  files: Candidate[];
  children: Map<string, Folder>;
  total: number;
}

/**
 * Shards of at most about `size` files, in path order. Small scans, and scans with managed settings (which
 * apply to every project at once), stay one shard.
 */
export function planShards(candidates: Candidate[], cwd: string, size = SHARD_SIZE): Candidate[][] {
  if (candidates.length <= size || candidates.some((c) => path.basename(c.abs) === 'managed-settings.json')) return [candidates];
  const top: Folder = { files: [], children: new Map(), total: 0 };
  for (const c of candidates) {
    const rel = path.relative(cwd, c.abs).split(path.sep).join('/');
    let folder = top;
    folder.total++;
    for (const part of anchorDir(rel, c.kind).split('/').filter(Boolean)) {
      let next = folder.children.get(part);
      if (!next) folder.children.set(part, (next = { files: [], children: new Map(), total: 0 }));
      folder = next;
      folder.total++;
    }
    folder.files.push(c);
  }
  const units: Candidate[][] = [];
  const split = (f: Folder): void => {
    if (f.total <= size) {
      units.push(everything(f));
      return;
    }
    if (f.files.length) units.push(f.files);
    for (const name of [...f.children.keys()].sort()) split(f.children.get(name)!);
  };
  split(top);
  const shards: Candidate[][] = [];
  for (const u of units) {
    const last = shards.at(-1);
    if (last && last.length + u.length <= size) last.push(...u);
    else shards.push([...u]);
  }
  return shards;
}

function everything(f: Folder): Candidate[] {
  const out = [...f.files];
  for (const c of f.children.values()) out.push(...everything(c));
  return out;
}
