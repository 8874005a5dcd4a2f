/**
 * Claude Code permission rules (`Bash(npm run test:*)`, `Read(./.env)`, `WebFetch(domain:example.com)`,
 * `mcp__server__tool`) parsed into tool + specifier, with the reason Claude Code would drop or never match
 * a rule. Syntax per code.claude.com/docs/en/permissions#permission-rule-syntax and the validator in
 * @anthropic-ai/claude-code 2.1.197 / 2.1.331 (anchors/agent-settings.md §1.5).
 */
import type { Loc } from '../../types.js';
import type { SettingsScope } from './settings.js';
import { closest } from '../../suggest.js';

export type RuleList = 'allow' | 'deny' | 'ask';

export interface PermissionRule {
  raw: string;
  list: RuleList;
  /** The string's location in the settings file. */
  loc: Loc;
  file: string;
  scope: SettingsScope;
  /** `Bash`, `Read`, `mcp__github__create_issue`; the text before `(` when the rule does not parse. */
  tool: string;
  /** The text inside the parentheses; undefined for a bare tool name. `Bash(*)` and `WebFetch(domain:*)` are normalised to none. */
  specifier?: string;
  /** Why Claude Code drops this rule ("Settings Warning": the entry is skipped, the rest of the file stays). */
  malformed?: string;
  /** Why Claude Code keeps the rule but never matches it. */
  inert?: string;
  /** What kind of defect `malformed` or `inert` is: rules with the same defect are one gap. */
  defect?: Defect;
}

export type Defect =
  | 'syntax'
  | 'tool-name'
  | 'mcp-pattern'
  | 'primary-param'
  | 'legacy-prefix'
  | 'file-colon-star'
  | 'webfetch-form'
  | 'websearch-wildcard'
  | 'path-tool'
  | 'colons-for-spaces'
  | 'path-as-command'
  | 'unknown-tool';

/** The Bash tool's scalar inputs that `Bash(param:value)` deny and ask rules may name (docs permissions). */
const BASH_PARAMS = new Set(['run_in_background', 'dangerouslyDisableSandbox', 'timeout', 'description']);

/** Claude Code's built-in tool names (docs permissions, tools reference; 2.1.197–2.1.331). */
const KNOWN_TOOLS = [
  'Agent', 'Task', 'Bash', 'BashOutput', 'PowerShell', 'Read', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'NotebookRead',
  'Glob', 'Grep', 'LS', 'WebFetch', 'WebSearch', 'TodoWrite', 'TodoRead', 'Skill', 'SlashCommand', 'ExitPlanMode',
  'EnterPlanMode', 'KillShell', 'KillBash', 'Monitor', 'Cd', 'AskUserQuestion', 'ListMcpResourcesTool',
  'ReadMcpResourceTool', 'TaskOutput', 'TaskStop', 'TaskCreate', 'TaskUpdate', 'TaskList', 'TaskGet', 'LSP',
];
/** Names people write for a built-in tool that has another name. */
const TOOL_ALIASES: Record<string, string> = { Fetch: 'WebFetch', WebBrowser: 'WebFetch', Browse: 'WebFetch', Search: 'WebSearch', Shell: 'Bash', Terminal: 'Bash', Command: 'Bash', Exec: 'Bash', View: 'Read', Cat: 'Read', Create: 'Write' };

/** Paths that hold secrets: dotenv files, secret folders, keys, cloud and SSH credentials. */
export const SECRET_PATH = /(?:^|\/|\*)\.env\b|(?:^|\/)secrets?(?:\/|$|\*)|\.pem\b|\.key\b|\.p12\b|\.pfx\b|id_(?:rsa|ed25519|ecdsa|dsa)|(?:^|\/)\.ssh\b|(?:^|\/)\.aws\b|(?:^|\/)\.config\/gcloud|(?:^|\/)\.azure\b|(?:^|\/)\.kube\b|(?:^|\/)\.docker\/config|\.npmrc\b|\.netrc\b|\.git-credentials\b|\.pypirc\b|credentials/i;

/** Tools whose specifier is a file path in gitignore syntax. */
export const PATH_TOOLS = new Set(['Read', 'Edit']);
/** Path rules on these are accepted but never consulted: only Read and Edit are checked for paths. */
const NEVER_MATCHED_PATH_TOOLS = new Set(['Write', 'NotebookEdit', 'MultiEdit', 'Glob']);
/** Primary inputs that the `Tool(param:value)` form may not name (ignored with a startup warning). */
const PRIMARY_PARAM: Record<string, string> = { Bash: 'command', PowerShell: 'command', Read: 'file_path', Edit: 'file_path', Write: 'file_path', WebFetch: 'url' };

export function parsePermissionRule(raw: string, list: RuleList, loc: Loc, file: string, scope: SettingsScope): PermissionRule {
  const r = parseRule(raw, list, loc, file, scope);
  if (r.malformed || r.inert) return { ...r, defect: r.defect ?? defectOf(r) };
  return r;
}

function defectOf(r: PermissionRule): Defect {
  const why = r.malformed ?? r.inert ?? '';
  if (/tool name|uppercase/.test(why)) return 'tool-name';
  if (/^MCP rules/.test(why)) return 'mcp-pattern';
  if (/primary input/.test(why)) return 'primary-param';
  if (/legacy|needs a command prefix/.test(why)) return 'legacy-prefix';
  if (/Bash syntax; file rules/.test(why)) return 'file-colon-star';
  if (/^WebFetch/.test(why)) return 'webfetch-form';
  if (/^WebSearch/.test(why)) return 'websearch-wildcard';
  if (/only against/.test(why)) return 'path-tool';
  return 'syntax';
}

function parseRule(raw: string, list: RuleList, loc: Loc, file: string, scope: SettingsScope): PermissionRule {
  const base = { raw, list, loc, file, scope };
  const text = raw.trim();
  const open = text.indexOf('(');
  if (open < 0) {
    if (text.includes(')')) return { ...base, tool: text, malformed: 'it has a closing parenthesis without an opening one' };
    return { ...base, tool: text, malformed: toolNameProblem(text, list) };
  }
  const tool = text.slice(0, open);
  if (!text.endsWith(')')) return { ...base, tool, malformed: 'its parentheses are not balanced (it must end with `)`)' };
  const spec = text.slice(open + 1, -1);
  if (depthProblem(spec)) return { ...base, tool, malformed: 'its parentheses are not balanced' };
  const nameProblem = toolNameProblem(tool, list);
  if (nameProblem) return { ...base, tool, specifier: spec, malformed: nameProblem };
  if (spec.trim() === '') return { ...base, tool, malformed: '`Tool()` with empty parentheses is invalid' };
  if (tool.startsWith('mcp__')) return { ...base, tool, specifier: spec, malformed: 'MCP rules do not support patterns in parentheses; name the tool as `mcp__server__tool`' };

  const primary = PRIMARY_PARAM[tool];
  if (primary && spec.startsWith(`${primary}:`)) {
    return { ...base, tool, specifier: spec, inert: `a \`${primary}:\` parameter rule on the tool's primary input is ignored (Claude Code warns at start-up); write \`${tool}(${spec.slice(primary.length + 1)})\`` };
  }
  if (tool === 'Bash' || tool === 'PowerShell') {
    if (spec === '*') return { ...base, tool };
    if (spec === ':*') return { ...base, tool, specifier: spec, malformed: '`:*` needs a command prefix before it' };
    const i = spec.indexOf(':*');
    if (i >= 0 && i !== spec.length - 2) return { ...base, tool, specifier: spec, malformed: 'the legacy `prefix:*` form is valid only at the very end' };
  }
  if (PATH_TOOLS.has(tool) || NEVER_MATCHED_PATH_TOOLS.has(tool)) {
    if (spec.includes(':*')) return { ...base, tool, specifier: spec, malformed: '`:*` is Bash syntax; file rules use gitignore patterns (`**`)' };
  }
  if (tool === 'WebFetch') {
    if (/^https?:|:\/\//i.test(spec)) return { ...base, tool, specifier: spec, malformed: 'WebFetch rules take `domain:<host>`, not a URL' };
    if (!spec.startsWith('domain:')) return { ...base, tool, specifier: spec, malformed: 'WebFetch rules need the `domain:` prefix (`WebFetch(domain:example.com)`)' };
    if (spec === 'domain:*') return { ...base, tool };
  }
  if (tool === 'WebSearch' && spec.includes('*')) return { ...base, tool, specifier: spec, malformed: 'WebSearch rules do not take wildcards' };
  if (NEVER_MATCHED_PATH_TOOLS.has(tool)) {
    return { ...base, tool, specifier: spec, inert: 'Claude Code checks file paths only against `Read(…)` and `Edit(…)` rules; `Write(…)`, `NotebookEdit(…)`, `MultiEdit(…)` and `Glob(…)` path rules are never matched (v2.1.210 and later warn at start-up)' };
  }
  if (tool === 'Bash' || tool === 'PowerShell') {
    const inert = bashPatternProblem(spec);
    if (inert) return { ...base, tool, specifier: spec, ...inert };
  }
  const meant = unknownToolMeant(tool);
  if (meant) return { ...base, tool, specifier: spec, defect: 'unknown-tool', inert: `no Claude Code tool is named \`${tool}\` (did you mean \`${meant}\`?), so the rule never matches` };
  return { ...base, tool, specifier: spec };
}

/**
 * Bash patterns that are valid but cannot match what they mean. Only a final `:*` is special, so
 * `rm:-rf:/` is the literal text "rm:-rf:/", never the command `rm -rf /`; and a Bash rule matches
 * command lines, so `Bash(id_rsa)` denies a program named id_rsa, not reading the key.
 */
function bashPatternProblem(spec: string): Pick<PermissionRule, 'inert' | 'defect'> | undefined {
  const body = spec.endsWith(':*') ? spec.slice(0, -2) : spec;
  const first = body.trim().split(/\s+/)[0] ?? '';
  // `Bash(run_in_background:true)` is the documented parameter form, not a command.
  if (BASH_PARAMS.has(first.split(':')[0])) return undefined;
  if (/^[A-Za-z0-9_.~\/-]*[A-Za-z0-9]:(?!\/\/)\S/.test(first) && !/^[A-Za-z]:[\\/]/.test(first) && !first.includes('*')) {
    return { defect: 'colons-for-spaces', inert: 'Claude Code reads the colons literally (only a final `:*` is special), so a pattern such as `rm:-rf:/` matches the text "rm:-rf:/", never the command `rm -rf /`; write the words with spaces (`Bash(rm -rf /)`, `Bash(rm -rf:*)`)' };
  }
  if (!/\s|\*/.test(body) && SECRET_PATH.test(body) && !/^(?:ssh|aws|gcloud|az|kubectl|docker|npm|gpg|git-credential[\w-]*|ssh-\w+)$/.test(body)) {
    return { defect: 'path-as-command', inert: 'a Bash rule matches command lines, and a file name is not a program: `Bash(id_rsa)` matches only a command literally called `id_rsa`, not `cat` or a script reading the file; use `Read(…)` rules for files' };
  }
  return undefined;
}

/** The built-in tool a misspelt or invented tool name probably means; undefined for MCP and unknown-but-plausible names. */
function unknownToolMeant(tool: string): string | undefined {
  if (tool.startsWith('mcp__') || tool.includes('*') || KNOWN_TOOLS.includes(tool)) return undefined;
  if (Object.prototype.hasOwnProperty.call(TOOL_ALIASES, tool)) return TOOL_ALIASES[tool];
  return tool.length >= 4 ? closest(tool, KNOWN_TOOLS) : undefined;
}

/** Nested parentheses must balance inside the specifier (`Bash(echo $(date))` is fine, `Bash(a(b)` is not). */
function depthProblem(spec: string): boolean {
  let d = 0;
  for (const c of spec) {
    if (c === '(') d++;
    else if (c === ')' && --d < 0) return true;
  }
  return d !== 0;
}

function toolNameProblem(tool: string, list: RuleList): string | undefined {
  if (tool === '') return 'it has no tool name';
  if (/\s/.test(tool)) return 'a tool name cannot contain spaces';
  if (tool.includes('*')) {
    // mcp__server__* is the documented whole-server form; other wildcards are rejected in allow rules only.
    if (/^mcp__[^*_][^*]*__\*$/.test(tool)) return undefined;
    if (list === 'allow') return `an allow rule cannot use an unanchored wildcard tool name (\`${tool}\`); Claude Code skips it`;
    return undefined;
  }
  if (!tool.includes('_') && !/^[A-Z]/.test(tool)) return `tool names start with an uppercase letter (\`${tool[0].toUpperCase()}${tool.slice(1)}\`); Claude Code skips \`${tool}\``;
  return undefined;
}

/** `WebFetch(domain:x)` → `x`. */
export function webFetchDomain(r: PermissionRule): string | undefined {
  if (r.tool !== 'WebFetch' || r.malformed || !r.specifier?.startsWith('domain:')) return undefined;
  return r.specifier.slice('domain:'.length);
}
