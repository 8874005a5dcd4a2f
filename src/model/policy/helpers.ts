/** Claude Code settings keys whose value is a command Claude Code runs itself (code.claude.com/docs/en/settings-reference). */
export const SETTINGS_HELPERS: { path: string[]; why: string }[] = [
  { path: ['apiKeyHelper'], why: 'its output becomes your API credential (sent as X-Api-Key and Authorization)' },
  { path: ['awsAuthRefresh'], why: 'it runs to refresh your AWS login' },
  { path: ['awsCredentialExport'], why: 'its output becomes your AWS credentials' },
  { path: ['gcpAuthRefresh'], why: 'it runs to refresh your Google Cloud login' },
  { path: ['otelHeadersHelper'], why: 'its output becomes telemetry headers' },
  { path: ['proxyAuthHelper'], why: 'its output authenticates your proxy' },
  { path: ['statusLine', 'command'], why: 'it runs on every status-line refresh' },
  { path: ['subagentStatusLine', 'command'], why: 'it runs on every subagent status refresh' },
  { path: ['fileSuggestion', 'command'], why: 'it runs on file completion' },
];

/** How the command model names a helper's commands: `statusLine.command helper`. */
export function helperSource(path: string[]): string {
  return `${path.join('.')} helper`;
}
