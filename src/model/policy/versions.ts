/** Claude Code releases that fixed a security issue, and version comparison for the version-floor rule. */
/** Security fixes in Claude Code (anchors/agent-settings.md §1.10), oldest first. */
export const CLAUDE_CODE_FIXES: { version: string; what: string }[] = [
  { version: '1.0.111', what: 'project hooks and MCP servers ran before the trust dialog (CVE-2025-59536)' },
  { version: '2.0.65', what: "a project's ANTHROPIC_BASE_URL received the API key before trust (CVE-2026-21852)" },
  { version: '2.1.2', what: 'the sandbox did not protect a missing .claude/settings.json (CVE-2026-25725)' },
  { version: '2.1.7', what: 'deny rules were not enforced through symlinks (CVE-2026-25724)' },
  { version: '2.1.53', what: "a project's bypassPermissions skipped the trust dialog (GHSA-mmgp-wc2j-qcv7)" },
  { version: '2.1.224', what: 'denyRead/denyWrite entries with a trailing slash could be bypassed' },
  { version: '2.1.257', what: "a repository's defaultMode bypassPermissions was honoured" },
];

/** Compares the numeric `major.minor.patch` of two versions (`v` prefix and pre-release suffix ignored). */
export function compareVersions(a: string, b: string): number {
  const nums = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const pa = nums(a);
  const pb = nums(b);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
