/**
 * Profiles (`--profile`, config `profile:`): the use cases of the seed article's table "ユースケース別の推奨構成"
 * (recommended set-up by use case). Each raises the level of the rules its use case depends on and sets how
 * strictly the posture is graded. A profile only raises levels; the config's `rules:` still has the last word.
 *
 * | use case (seed)                        | recommended set-up (seed)                                      | profile   |
 * | 読み取り専用作業 (read-only work)          | `docker run --read-only -v $(pwd):/workspace:ro` + app level    | `review`  |
 * | 通常開発作業 (normal development)          | `-v $(pwd):/workspace:rw` + Codex `workspace-write`            | `default` |
 * | 高セキュリティ要件 (high security)          | `--read-only --network none` + tmpfs + the app's sandbox        | `strict`  |
 */
import type { Severity } from '../types.js';
import { SEVERITY_ORDER } from '../types.js';

export type ProfileName = 'review' | 'default' | 'strict';

export const PROFILE_NAMES: readonly ProfileName[] = ['review', 'default', 'strict'];

export interface Profile {
  name: ProfileName;
  /** What the agent is there to do, for --help and the README. */
  useCase: string;
  /** The lowest level a rule's findings get under this profile. */
  floors: Readonly<Record<string, Severity>>;
  /** The posture: a note alone makes a dimension weak (default: only warnings and errors count). */
  notesWeaken: boolean;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  review: {
    name: 'review',
    useCase: 'read-only work (code review, investigation): the workspace and the root filesystem should be read-only',
    floors: {
      // The seed's review set-up mounts the workspace `:ro`: anything the agent can write is a gap.
      'host-exec-path-writable': 'warning',
      'writable-root-filesystem': 'warning',
    },
    notesWeaken: false,
  },
  default: {
    name: 'default',
    useCase: 'normal development: the workspace is writable, the agent asks or is sandboxed',
    floors: {},
    notesWeaken: false,
  },
  strict: {
    name: 'strict',
    useCase: 'high security: read-only root, no or filtered network, tmpfs, limits and the agent\'s own sandbox',
    floors: {
      'writable-root-filesystem': 'warning',
      'resource-limits-missing': 'warning',
      'host-exec-path-writable': 'warning',
      'unpinned-image': 'warning',
      'network-egress-unrestricted': 'error',
      'secrets-readable': 'warning',
    },
    notesWeaken: true,
  },
};

export function isProfileName(v: string): v is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(v);
}

/** A finding's level under the profile: raised to the rule's floor, never lowered. */
export function raiseToFloor(profile: Profile, ruleId: string, level: Severity): Severity {
  const floor = profile.floors[ruleId];
  return floor && SEVERITY_ORDER[floor] > SEVERITY_ORDER[level] ? floor : level;
}
