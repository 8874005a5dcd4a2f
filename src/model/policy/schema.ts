/**
 * The part of Claude Code's settings schema agent-sandbox-lint checks: the security-relevant keys with their
 * types, read from the zod schema embedded in @anthropic-ai/claude-code 2.1.197 and 2.1.331 and from
 * code.claude.com/docs/en/settings-reference (anchors/agent-settings.md §1.3, §1.6, §1.8).
 * `permissions`, `sandbox` and the top level are passthrough objects: an unknown key is accepted and does nothing.
 */
import { closest } from '../../suggest.js';
import type { LNode } from '../../parse/tree.js';
import { isMap, isScalar, isSeq } from '../../parse/tree.js';

export type ValueType =
  | { kind: 'bool' }
  | { kind: 'string' }
  | { kind: 'strings' }
  | { kind: 'number' }
  | { kind: 'port' }
  | { kind: 'object' }
  | { kind: 'env' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'any' };

const bool = { kind: 'bool' } as const;
const strings = { kind: 'strings' } as const;
const string = { kind: 'string' } as const;
const object = { kind: 'object' } as const;
const any = { kind: 'any' } as const;
const port = { kind: 'port' } as const;

export interface ObjectSchema {
  keys: Record<string, ValueType | ObjectSchema>;
  /** Report keys not listed (only where the list is complete enough not to cry wolf). */
  closed: boolean;
}

export const PERMISSIONS: ObjectSchema = {
  closed: true,
  keys: {
    allow: strings,
    deny: strings,
    ask: strings,
    defaultMode: { kind: 'enum', values: ['acceptEdits', 'auto', 'bypassPermissions', 'default', 'dontAsk', 'plan', 'manual'] },
    disableBypassPermissionsMode: { kind: 'enum', values: ['disable'] },
    disableAutoMode: { kind: 'enum', values: ['disable'] },
    additionalDirectories: strings,
    blockReadsOutsideWorkingDirectories: bool,
    blockWritesOutsideWorkingDirectories: bool,
    denyInsteadOfPrompting: bool,
  },
};

export const SANDBOX: ObjectSchema = {
  closed: true,
  keys: {
    enabled: bool,
    failIfUnavailable: bool,
    autoAllowBashIfSandboxed: bool,
    allowUnsandboxedCommands: bool,
    excludedCommands: strings,
    ignoreViolations: object,
    enableWeakerNestedSandbox: bool,
    enableWeakerNetworkIsolation: bool,
    allowAppleEvents: bool,
    allowNestedUserNamespaces: bool,
    ripgrep: object,
    bwrapPath: string,
    socatPath: string,
    windows: object,
    credentials: object,
    network: {
      closed: true,
      keys: {
        allowedDomains: strings,
        deniedDomains: strings,
        strictAllowlist: bool,
        allowManagedDomainsOnly: bool,
        allowUnixSockets: strings,
        allowAllUnixSockets: bool,
        allowLocalBinding: bool,
        allowMachLookup: strings,
        httpProxyPort: port,
        socksProxyPort: port,
        tlsTerminate: object,
      },
    },
    filesystem: {
      closed: true,
      keys: { allowWrite: strings, denyWrite: strings, denyRead: strings, allowRead: strings, allowManagedReadPathsOnly: bool, disabled: bool },
    },
  },
};

/**
 * Top level: only the security-relevant keys are typed; the rest of Claude Code's many keys are accepted
 * as `any` and unknown ones are reported only when they look like a misspelt or misplaced security key.
 */
export const TOP: ObjectSchema = {
  closed: false,
  keys: {
    $schema: string,
    permissions: PERMISSIONS,
    sandbox: SANDBOX,
    env: { kind: 'env' },
    hooks: object,
    disableAllHooks: bool,
    enableAllProjectMcpServers: bool,
    enabledMcpjsonServers: strings,
    disabledMcpjsonServers: strings,
    allowedMcpServers: any,
    deniedMcpServers: any,
    apiKeyHelper: string,
    awsAuthRefresh: string,
    awsCredentialExport: string,
    gcpAuthRefresh: string,
    otelHeadersHelper: string,
    proxyAuthHelper: string,
    skipDangerousModePermissionPrompt: bool,
    skipWebFetchPreflight: bool,
    allowManagedPermissionRulesOnly: bool,
    allowManagedHooksOnly: bool,
    allowManagedMcpServersOnly: bool,
    allowedHttpHookUrls: strings,
    httpHookAllowedEnvVars: strings,
    disableSkillShellExecution: bool,
  },
};

/** Keys written in the wrong place or under an old name: silently ignored where they are. */
export const MISPLACED: Record<string, string> = {
  'sandbox.network.allowedHosts': 'sandbox.network.allowedDomains',
  'sandbox.network.deniedHosts': 'sandbox.network.deniedDomains',
  'sandbox.allowedDomains': 'sandbox.network.allowedDomains',
  'sandbox.deniedDomains': 'sandbox.network.deniedDomains',
  'sandbox.httpProxyPort': 'sandbox.network.httpProxyPort',
  'sandbox.socksProxyPort': 'sandbox.network.socksProxyPort',
  'sandbox.allowUnixSockets': 'sandbox.network.allowUnixSockets',
  'sandbox.denyRead': 'sandbox.filesystem.denyRead',
  'sandbox.allowWrite': 'sandbox.filesystem.allowWrite',
  'sandbox.denyWrite': 'sandbox.filesystem.denyWrite',
  'permissions.allowedTools': 'permissions.allow',
  'permissions.deniedTools': 'permissions.deny',
  'permissions.disallowedTools': 'permissions.deny',
  'permissions.disableBypassPermissions': 'permissions.disableBypassPermissionsMode',
  'permissions.mode': 'permissions.defaultMode',
  allowedTools: 'permissions.allow',
  disallowedTools: 'permissions.deny',
  deniedTools: 'permissions.deny',
  allow: 'permissions.allow',
  deny: 'permissions.deny',
  ask: 'permissions.ask',
  defaultMode: 'permissions.defaultMode',
  permissionMode: 'permissions.defaultMode',
  disableBypassPermissionsMode: 'permissions.disableBypassPermissionsMode',
  additionalDirectories: 'permissions.additionalDirectories',
  mcpServers: '.mcp.json (settings files do not define MCP servers)',
};

export function isObjectSchema(t: ValueType | ObjectSchema): t is ObjectSchema {
  return 'keys' in t;
}

/** What is wrong with `node` for type `t`, or undefined. */
export function typeProblem(t: ValueType, node: LNode): string | undefined {
  const v = isScalar(node) ? node.value : undefined;
  switch (t.kind) {
    case 'bool':
      return typeof v === 'boolean' ? undefined : `must be true or false, not ${show(node)}`;
    case 'string':
      return typeof v === 'string' ? undefined : `must be a string, not ${show(node)}`;
    case 'number':
      return typeof v === 'number' ? undefined : `must be a number, not ${show(node)}`;
    case 'port':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535 ? undefined : `must be a port number from 1 to 65535, not ${show(node)}`;
    case 'strings':
      if (!isSeq(node)) return `must be a list of strings, not ${show(node)}`;
      return node.items.some((i) => !isScalar(i) || typeof i.value !== 'string') ? 'must hold only strings' : undefined;
    case 'object':
    case 'env':
      if (!isMap(node)) return `must be an object, not ${show(node)}`;
      if (t.kind === 'env' && node.entries.some((e) => !isScalar(e.value) || e.value.value === null)) return 'values must be strings (numbers and booleans are turned into strings)';
      return undefined;
    case 'enum':
      return typeof v === 'string' && t.values.includes(v) ? undefined : `must be ${t.values.map((x) => JSON.stringify(x)).join(' or ')}, not ${show(node)}`;
    case 'any':
      return undefined;
  }
}

function show(node: LNode): string {
  if (isMap(node)) return 'an object';
  if (isSeq(node)) return 'a list';
  return JSON.stringify(node.value);
}

export function suggest(key: string, known: string[]): string | undefined {
  return closest(key, known, 4);
}

/** Hook events Claude Code knows (2.1.331); an unknown one is dropped with a warning. */
export const HOOK_EVENTS = new Set([
  'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PostToolBatch', 'Notification', 'UserPromptSubmit', 'UserPromptExpansion',
  'SessionStart', 'SessionEnd', 'Stop', 'StopFailure', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PostCompact',
  'PermissionRequest', 'PermissionDenied', 'Setup', 'TeammateIdle', 'TaskCreated', 'TaskCompleted', 'Elicitation',
  'ElicitationResult', 'ConfigChange', 'WorktreeCreate', 'WorktreeRemove', 'InstructionsLoaded', 'CwdChanged', 'FileChanged',
  'MessageDisplay', 'PreModelSwitch', 'PostModelSwitch', 'DirectoryAdded',
]);
