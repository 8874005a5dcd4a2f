/** Tool identity, shared by --version, JSON and SARIF. The version is injected at build time from package.json. */
declare const __VERSION__: string | undefined;

export const TOOL_NAME = 'agent-sandbox-lint';
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
export const REPO_URL = 'https://github.com/agent-sandbox-lint/agent-sandbox-lint';

export function ruleDocUrl(ruleId: string): string {
  return `${REPO_URL}/blob/main/docs/rules/${ruleId}.md`;
}
