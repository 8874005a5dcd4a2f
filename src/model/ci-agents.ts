/**
 * Coding agents in GitHub Actions (anchors/agent-surfaces.md §8): which steps run an agent, who can start
 * them, what untrusted text reaches their prompt, what they can do and what they can reach. Sources:
 * anthropics/claude-code-action action.yml and docs/security.md, openai/codex-action README and docs/security.md,
 * google-github-actions/run-gemini-cli action.yml and docs; docs.github.com "Security hardening for GitHub Actions".
 */
import type { Loc, Located } from '../types.js';
import type { Command } from './command.js';
import { basename } from './argv.js';
import { parsePermissionRule } from './policy/permission-rule.js';
import { bashPatternEscape } from './policy/bash-breadth.js';
import { agentFlags } from './policy/agent-cli.js';
import { envRefs, expressions, secretRefs, stepOutputRefs, untrustedField } from './workflow-expr.js';
import type { Job, Step, Trigger, Workflow } from './workflow.js';
import type { ProjectModel } from './project.js';

export type AgentAction = 'claude-code-action' | 'claude-code-base-action' | 'codex-action' | 'run-gemini-cli';

const ACTIONS: Record<string, { kind: AgentAction; agent: string }> = {
  'anthropics/claude-code-action': { kind: 'claude-code-action', agent: 'Claude Code' },
  'anthropics/claude-code-base-action': { kind: 'claude-code-base-action', agent: 'Claude Code' },
  'openai/codex-action': { kind: 'codex-action', agent: 'Codex' },
  'google-github-actions/run-gemini-cli': { kind: 'run-gemini-cli', agent: 'Gemini CLI' },
  'google-gemini/gemini-cli-action': { kind: 'run-gemini-cli', agent: 'Gemini CLI' },
};

/** Events anyone can cause: opening an issue, commenting, reviewing, a fork's pull request into a privileged run. */
const UNTRUSTED_EVENTS = new Set(['issues', 'issue_comment', 'discussion', 'discussion_comment', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'workflow_run']);
/** Activity types only someone with triage rights can cause. */
const TRIAGE_TYPES = new Set(['labeled', 'unlabeled', 'assigned', 'unassigned', 'milestoned', 'demilestoned', 'pinned', 'unpinned', 'locked', 'unlocked', 'transferred']);
/** The agent's own model credential, and the job token: not "more secrets". */
const MODEL_SECRETS = /^(?:ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN|CLAUDE_API_KEY|OPENAI_API_KEY|OPENAI_KEY|CODEX_API_KEY|GEMINI_API_KEY|GOOGLE_API_KEY|GOOGLE_GENERATIVE_AI_API_KEY|OPENROUTER_API_KEY|GITHUB_TOKEN)$/;
/** `if:` conditions that keep outsiders out (anchors §8.5 "Actor gate"). */
const GATE = /author_association|github\.(?:actor|triggering_actor)\s*==|github\.event\.sender\.login\s*==|labels\.\*\.name|github\.event\.label\.name\s*==|head\.repo\.full_name\s*==\s*github\.repository|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork/;
/** Prompt text that sends the agent to read issue or pull-request text itself. */
const FETCHES = /\bgh\s+(?:issue\s+view|pr\s+view|pr\s+diff|issue\s+list|pr\s+list|api\s+\S*(?:issues|pulls|comments))/;
/** Agent CLIs in command position, and the flags that give them the shell. */
const CLI_AGENTS: Record<string, string> = { claude: 'Claude Code', codex: 'Codex', gemini: 'Gemini CLI', qwen: 'Qwen Code', opencode: 'OpenCode', aider: 'Aider', 'cursor-agent': 'Cursor', copilot: 'Copilot CLI', goose: 'Goose' };

export interface TaintHit {
  field: string;
  /** How it reaches the agent: `directly`, `through env NAME`, `through $GITHUB_ENV NAME`, `through step output S.O`, `fetched by the agent`. */
  path: string;
  loc: Loc;
}

export interface CiAgentStep {
  workflow: Workflow;
  job: Job;
  step: Step;
  agent: string;
  action?: { kind: AgentAction; name: string; ref?: string; loc: Loc };
  /** The CLI command, for a `run:` step. */
  command?: Command;
  /** Untrusted events of the workflow that start this job. */
  untrusted: Trigger[];
  /** A fork's pull_request (no secrets by default): untrusted text, one level lower. */
  forkPullRequest?: Trigger;
  /** The gate that keeps outsiders out: an `if:` or the action's own write-access check. */
  gate?: string;
  /** Inputs that open the action's own check (`allowed_non_write_users: "*"`). */
  opened: { input: string; value: string; loc: Loc; wildcard: boolean }[];
  /** Why the agent can run commands, when it can. */
  exec?: string;
  /** Flags and inputs that switch its safety off. */
  safetyOff: { loc: Loc; what: string }[];
  /** Why its token can write, when it can. */
  writeToken?: string;
  /** Secrets it can read beyond the model credential and GITHUB_TOKEN. */
  secrets: string[];
  taint: TaintHit[];
}

function actionOf(uses: Located<string> | undefined): CiAgentStep['action'] | undefined {
  if (!uses) return undefined;
  const [name, ref] = uses.value.trim().split('@');
  const a = ACTIONS[name.toLowerCase()];
  return a ? { kind: a.kind, name, ref, loc: uses.loc } : undefined;
}

/** A `claude_args` / `codex-args` string as words (quotes removed). */
export function argWords(s: string): string[] {
  return [...s.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function untrustedTriggers(w: Workflow): Trigger[] {
  return w.triggers.filter((t) => {
    if (!UNTRUSTED_EVENTS.has(t.event)) return false;
    if ((t.event === 'issues' || t.event === 'pull_request_target') && t.types?.length && t.types.every((x) => TRIAGE_TYPES.has(x))) return false;
    return true;
  });
}

/** The token's write scopes (job permissions override the workflow's), or why it may write everything. */
export function tokenWrites(w: Workflow, job: Job): { scopes: Located<string>[]; why?: string; missing: boolean } {
  const p = job.permissions ?? w.permissions;
  if (!p) return { scopes: [], why: 'no `permissions:` block, so the token gets the repository default (write to everything in older repositories and organisations)', missing: true };
  if (p.all === 'write-all') return { scopes: [{ value: 'write-all', loc: p.loc }], why: '`permissions: write-all`', missing: false };
  const scopes = [...p.scopes].filter(([, v]) => v.value === 'write').map(([k, v]) => ({ value: k, loc: v.loc }));
  return { scopes, why: scopes.length ? `its token can write ${scopes.map((s) => s.value).join(', ')}` : undefined, missing: false };
}

/** The Bash rules of `--allowedTools` lists that allow any command (judged as overbroad-allow-rule judges them). */
function broadBash(lists: string[], loc: Loc): { raw: string; why: string }[] {
  return lists.flatMap((l) => l.split(/,(?![^(]*\))|\s+(?![^(]*\))/)).map((t) => t.trim()).filter(Boolean).flatMap((raw) => {
    const r = parsePermissionRule(raw, 'allow', loc, '', 'project');
    if (r.tool !== 'Bash' || r.malformed) return [];
    const why = r.specifier === undefined ? 'approves every shell command' : bashPatternEscape(r.specifier);
    return why ? [{ raw, why }] : [];
  });
}

function claudeExec(step: Step, locate: Locate): { exec?: string; off: { loc: Loc; what: string }[] } {
  const off: { loc: Loc; what: string }[] = [];
  let exec: string | undefined;
  for (const key of ['claude_args', 'allowed_tools', 'settings']) {
    const v = step.with.get(key);
    if (!v) continue;
    const words = key === 'claude_args' ? argWords(v.value) : [];
    words.forEach((w, i) => {
      const next = words[i + 1];
      if (w === '--dangerously-skip-permissions' || (w === '--permission-mode' && next === 'bypassPermissions') || w === '--permission-mode=bypassPermissions') {
        off.push({ loc: locate(v.loc, w), what: `\`${w === '--permission-mode' ? `${w} ${next}` : w}\` in claude_args: every tool runs without a check` });
        exec ??= `claude_args has ${w}`;
      }
    });
    // Tools from `--allowedTools a,b` / `--allowed-tools`, `allowed_tools: "a,b"` or a settings JSON allow list.
    const lists: string[] = [];
    if (key === 'allowed_tools') lists.push(v.value);
    words.forEach((w, i) => { if ((w === '--allowedTools' || w === '--allowed-tools') && words[i + 1]) lists.push(words[i + 1]); else if (/^--allowed-?[tT]ools=/.test(w)) lists.push(w.slice(w.indexOf('=') + 1)); });
    if (key === 'settings') for (const m of v.value.matchAll(/"(Bash(?:\([^"]*\))?)"/g)) lists.push(m[1]);
    for (const { raw, why } of broadBash(lists, v.loc)) {
      exec ??= `${key} allows \`${raw}\``;
      off.push({ loc: locate(v.loc, raw), what: `\`${raw}\` in ${key} ${why}` });
    }
  }
  return { exec, off };
}

function actionFacts(a: NonNullable<CiAgentStep['action']>, step: Step, locate: Locate): Pick<CiAgentStep, 'exec' | 'safetyOff' | 'opened'> & { ownCheck: boolean } {
  const opened: CiAgentStep['opened'] = [];
  const open = (input: string) => {
    const v = step.with.get(input);
    if (v && v.value.trim() && v.value.trim() !== 'false') opened.push({ input, value: v.value.trim(), loc: v.loc, wildcard: /(?:^|,)\s*\*\s*(?:,|$)/.test(v.value) });
  };
  if (a.kind === 'claude-code-action' || a.kind === 'claude-code-base-action') {
    open('allowed_non_write_users');
    open('allowed_bots');
    const { exec, off } = claudeExec(step, locate);
    return { exec, safetyOff: off, opened, ownCheck: a.kind === 'claude-code-action' && opened.length === 0 };
  }
  if (a.kind === 'codex-action') {
    open('allow-users');
    open('allow-bots');
    open('allow-bot-users');
    const sandbox = step.with.get('sandbox');
    const strategy = step.with.get('safety-strategy');
    const args = step.with.get('codex-args');
    const off: { loc: Loc; what: string }[] = [];
    if (sandbox?.value.trim() === 'danger-full-access') off.push({ loc: sandbox.loc, what: '`sandbox: danger-full-access`: Codex runs commands with no sandbox' });
    if (strategy?.value.trim() === 'unsafe') off.push({ loc: strategy.loc, what: '`safety-strategy: unsafe`: Codex keeps sudo and can read its API key' });
    if (args && /--dangerously-bypass-approvals-and-sandbox|--yolo|sandbox_mode\s*=\s*["']?danger-full-access/.test(args.value)) off.push({ loc: args.loc, what: 'codex-args turn the sandbox and approvals off' });
    const mode = sandbox?.value.trim() || 'workspace-write';
    return { exec: mode === 'read-only' && !off.length ? undefined : `Codex runs commands (sandbox ${mode})`, safetyOff: off, opened, ownCheck: opened.length === 0 };
  }
  // run-gemini-cli always starts `gemini --yolo` and checks nobody.
  return { exec: 'run-gemini-cli runs `gemini --yolo` (every tool call approved)', safetyOff: [{ loc: a.loc, what: 'run-gemini-cli always runs `gemini --yolo`: every tool call, shell included, is approved' }], opened, ownCheck: false };
}

/** A CLI agent run by a `run:` command: the agent, whether it can run commands, and the flags that turn checks off. */
function cliFacts(c: Command): { agent: string; exec?: string; off: { loc: Loc; what: string }[] } | undefined {
  const prog = basename(c.words[0]?.text ?? '');
  const flags = agentFlags([c]);
  const viaRunner = flags.length ? flags[0].agent : /^(?:npx|bunx|pnpx)$/.test(prog) && c.words.some((w) => /^@anthropic-ai\/claude-code(?:@|$)/.test(w.text)) ? 'claude' : undefined;
  const agent = CLI_AGENTS[prog] ?? (viaRunner ? CLI_AGENTS[viaRunner] : undefined);
  if (!agent) return undefined;
  const words = c.words.map((w) => w.text);
  // An agent CLI asked for its version or to sign in does not work on anything.
  if (words.slice(1).every((w) => /^(?:--version|-v|--help|-h|login|auth|install|update|mcp)$/.test(w)) && words.length > 1) return undefined;
  if (prog === 'gemini' || prog === 'qwen' || prog === 'opencode' || prog === 'aider' || prog === 'cursor-agent' || prog === 'copilot' || prog === 'goose') {
    if (words.length === 1) return undefined;
  }
  const off = flags.map((f) => ({ loc: f.word.loc, what: `\`${f.text}\`: ${f.agent === 'claude' ? 'Claude Code runs every tool without a check' : 'Codex runs with no sandbox and no approvals'}` }));
  for (const w of c.words) {
    if ((prog === 'gemini' || prog === 'qwen') && (w.text === '--yolo' || w.text === '-y' || w.text === '--approval-mode=yolo')) off.push({ loc: w.loc, what: `\`${w.text}\`: ${agent} approves every tool call` });
    if ((prog === 'cursor-agent' && (w.text === '--force' || w.text === '--yolo' || w.text === '-f')) || (prog === 'copilot' && (w.text === '--allow-all-tools' || w.text === '--yolo'))) off.push({ loc: w.loc, what: `\`${w.text}\`: ${agent} runs shell commands without asking` });
    if (prog === 'aider' && w.text === '--yes-always') off.push({ loc: w.loc, what: '`--yes-always`: Aider says yes to every confirmation' });
  }
  let exec = off.length ? off[0].what.replace(/^`([^`]*)`.*$/, 'runs with `$1`') : undefined;
  const allowed = words.findIndex((w) => w === '--allowedTools' || w === '--allowed-tools');
  if (prog === 'claude' || viaRunner === 'claude') {
    const list = allowed > 0 ? c.words[allowed + 1] : undefined;
    for (const b of list ? broadBash([list.text], list.loc) : []) off.push({ loc: list!.loc, what: `\`${b.raw}\` in --allowedTools ${b.why}` });
  }
  if (!exec && allowed > 0 && /(?:^|[,\s])Bash(?:$|[,\s(])/.test(words[allowed + 1] ?? '')) exec = `its --allowedTools include Bash`;
  if (!exec && prog === 'opencode') exec = 'OpenCode allows shell commands by default';
  if (!exec && prog === 'codex' && words.includes('exec') && words.some((w) => w === '--full-auto' || /^--sandbox=?(?:workspace-write)?$/.test(w))) exec = 'Codex exec runs commands in a workspace-write sandbox';
  return { agent, exec, off };
}

/** A gate: the whole condition (to judge what it covers) and how messages name it. */
interface Gate {
  condition: string;
  text: string;
}

const described = (cond: string, where = '') => ({ condition: cond, text: `\`if: ${cond.replace(/\s+/g, ' ').trim().slice(0, 90)}${cond.length > 90 ? '…' : ''}\`${where}` });

/** The gate of a job's `if:`, or of a job it needs (a job runs only when those ran). */
function jobGate(w: Workflow, job: Job, seen = new Set<Job>()): Gate | undefined {
  if (seen.has(job)) return undefined;
  seen.add(job);
  if (job.if && GATE.test(job.if.value)) return described(job.if.value, seen.size > 1 ? ` (job "${job.id}", which it needs)` : '');
  for (const n of job.needs) {
    const dep = w.jobs.find((j) => j.id === n);
    const g = dep && jobGate(w, dep, seen);
    if (g) return g;
  }
  return undefined;
}

/** The gate of a step or its job. */
function gateOf(w: Workflow, job: Job, step: Step): Gate | undefined {
  if (step.if && GATE.test(step.if.value)) return described(step.if.value);
  return jobGate(w, job);
}

/** Is the untrusted text's author the one the gate checks (or a maintainer label)? */
function gateCovers(gate: string | undefined, field: string, triggers: Trigger[]): boolean {
  if (!gate) return false;
  if (/labels\.\*\.name|label\.name/.test(gate)) return true;
  const entity = /github\.event\.(issue|pull_request|discussion|comment|review|review_comment)\./.exec(field)?.[1];
  if (entity && gate.includes(`${entity}.author_association`)) return true;
  // The actor is the author of the text the event itself carries.
  const own: Record<string, string> = { issues: 'issue', issue_comment: 'comment', pull_request_review: 'review', pull_request_review_comment: 'comment', pull_request_target: 'pull_request', discussion: 'discussion', discussion_comment: 'comment' };
  if (/github\.(?:actor|triggering_actor)\s*==|sender\.login/.test(gate)) return triggers.every((t) => own[t.event] === entity);
  // "Not from a fork": the pull request's author can push to the repository, so its text is theirs.
  return /head\.repo/.test(gate) && /pull_request\./.test(field);
}

/** Variables a step writes to `$GITHUB_ENV` or `$GITHUB_OUTPUT` from untrusted text (`echo "T=${{ …title }}" >> $GITHUB_ENV`). */
function writtenTaint(step: Step, tainted: Map<string, TaintHit>): { env: Map<string, TaintHit>; outputs: Map<string, TaintHit> } {
  const env = new Map<string, TaintHit>();
  const outputs = new Map<string, TaintHit>();
  const run = step.run;
  if (!run) return { env, outputs };
  for (const line of run.value.split('\n')) {
    const target = /GITHUB_ENV/.test(line) ? env : /GITHUB_OUTPUT/.test(line) ? outputs : undefined;
    if (!target) continue;
    const name = /([A-Za-z_][\w-]*)(?:=|<<)/.exec(line.replace(/^\s*(?:echo|printf)\s+(?:-[a-z]+\s+)?["']?/, ''))?.[1];
    if (!name) continue;
    const direct = expressions(line).map((e) => untrustedField(e.body)).find(Boolean);
    const viaVar = [...tainted].find(([n]) => new RegExp(`\\$\\{?${n}\\b`).test(line))?.[1];
    const hit = direct ? { field: direct, path: 'directly', loc: run.loc } : viaVar;
    if (hit) target.set(name, { field: hit.field, path: `${hit.path === 'directly' ? '' : `${hit.path}, then `}through ${target === env ? '$GITHUB_ENV' : 'a step output'} ${name}`, loc: hit.loc });
  }
  return { env, outputs };
}

/** Where the agent reads its prompt: action prompt inputs, or the CLI step's script. */
const PROMPT_INPUTS = ['prompt', 'direct_prompt', 'override_prompt', 'custom_instructions', 'prompt-file'];

/** Finds a piece of a value in its file: an expression inside a (block) scalar. */
export type Locate = (within: Loc, text: string) => Loc;

function promptTaint(s: { step: Step; action?: CiAgentStep['action'] }, envTaint: Map<string, TaintHit>, outTaint: Map<string, TaintHit>, locate: Locate): TaintHit[] {
  const hits: TaintHit[] = [];
  const values = s.action ? PROMPT_INPUTS.flatMap((k) => (s.step.with.get(k) ? [s.step.with.get(k)!] : [])) : s.step.run ? [s.step.run] : [];
  for (const v of values) {
    for (const e of expressions(v.value)) {
      const at = locate(v.loc, v.value.slice(e.start, e.end));
      const f = untrustedField(e.body);
      if (f) hits.push({ field: f, path: 'directly', loc: at });
      for (const n of envRefs(e.body)) { const t = envTaint.get(n); if (t) hits.push({ ...t, loc: at }); }
      for (const o of stepOutputRefs(e.body)) { const t = outTaint.get(`${o.step}.${o.output}`); if (t) hits.push({ ...t, loc: at }); }
    }
    // A CLI prompt (or an agent's prompt that says to read it) names a tainted variable: `$TITLE`.
    for (const [n, t] of envTaint) {
      const m = new RegExp(`\\$\\{?${n}\\b`).exec(v.value);
      if (m && !hits.some((h) => h.field === t.field && h.path === t.path)) hits.push({ ...t, loc: locate(v.loc, m[0]) });
    }
    const fetch = FETCHES.exec(v.value);
    if (fetch) hits.push({ field: 'issue and pull-request text', path: 'fetched by the agent (`gh`)', loc: locate(v.loc, fetch[0]) });
  }
  // An action agent reads its whole environment: untrusted text put in the step's env reaches it too.
  if (s.action) for (const e of s.step.env) for (const x of expressions(e.value)) { const f = untrustedField(x.body); if (f) hits.push({ field: f, path: `through env ${e.name}`, loc: locate(e.loc, e.value.slice(x.start, x.end)) }); }
  return hits;
}

/** Every agent step of a workflow with its facts. `commandsOf` gives the parsed commands of a step's `run:`. */
export function ciAgentSteps(w: Workflow, commandsOf: (step: Step) => Command[], locate: Locate = (l) => l): CiAgentStep[] {
  // A reusable workflow is started by its callers' events; their jobs' `if:` gates it.
  const callers = w.callers ?? [];
  const untrusted = [...untrustedTriggers(w), ...callers.flatMap((c) => untrustedTriggers(c.workflow))];
  const forkPullRequest = [w, ...callers.map((c) => c.workflow)].flatMap((x) => x.triggers).find((t) => t.event === 'pull_request');
  const callerGates = callers.map((c) => jobGate(c.workflow, c.job));
  const callerGate: Gate | undefined = callers.length && callerGates.every(Boolean) ? { condition: callerGates.map((g) => g!.condition).join(' && '), text: `${callerGates[0]!.text} in the caller ${callers[0].workflow.file}` } : undefined;
  const out: CiAgentStep[] = [];
  for (const job of w.jobs) {
    // `if: false` switches the job off.
    if (job.if && /^\s*(?:\$\{\{\s*)?false(?:\s*\}\})?\s*$/.test(job.if.value)) continue;
    // Untrusted text in env, by variable name: the workflow's, the job's, then what steps write to $GITHUB_ENV.
    const envTaint = new Map<string, TaintHit>();
    for (const e of [...w.env, ...job.env]) for (const x of expressions(e.value)) { const f = untrustedField(x.body); if (f) envTaint.set(e.name, { field: f, path: `through env ${e.name}`, loc: e.loc }); }
    const outTaint = new Map<string, TaintHit>();
    const token = tokenWrites(w, job);
    const jobSecrets = [...w.env, ...job.env].flatMap((e) => expressions(e.value).flatMap((x) => secretRefs(x.body)));
    for (const step of job.steps) {
      const stepEnv = new Map(envTaint);
      for (const e of step.env) for (const x of expressions(e.value)) { const f = untrustedField(x.body); if (f) stepEnv.set(e.name, { field: f, path: `through env ${e.name}`, loc: e.loc }); }
      const action = actionOf(step.uses);
      const cli = action ? undefined : commandsOf(step).map((c) => ({ c, f: cliFacts(c) })).find((x) => x.f);
      if (action || cli) {
        const facts = action ? actionFacts(action, step, locate) : { exec: cli!.f!.exec, safetyOff: cli!.f!.off, opened: [], ownCheck: false };
        const ifGate = gateOf(w, job, step) ?? callerGate;
        const gate = ifGate?.text ?? (facts.ownCheck ? `${action!.name}'s own write-access check` : undefined);
        const secrets = [...new Set([...jobSecrets, ...[...step.with.values(), ...step.env].flatMap((v) => expressions(v.value).flatMap((x) => secretRefs(x.body)))])].filter((s) => !MODEL_SECRETS.test(s));
        const gh = step.with.get('github_token');
        const pat = gh && expressions(gh.value).some((x) => secretRefs(x.body).some((s) => s !== 'GITHUB_TOKEN'));
        const writeToken = pat ? 'its `github_token` is a personal or app token from a secret' : token.why && (token.missing || token.scopes.length) ? token.why : undefined;
        const taint = promptTaint({ step, action }, stepEnv, outTaint, locate).filter((h) => !gateCovers(ifGate?.condition, h.field, untrusted) && !(facts.ownCheck && gateCovers('github.actor ==', h.field, untrusted)));
        out.push({ workflow: w, job, step, agent: action ? ACTIONS[action.name.toLowerCase()].agent : cli!.f!.agent, action, command: cli?.c, untrusted, forkPullRequest, gate, opened: facts.opened, exec: facts.exec, safetyOff: facts.safetyOff, writeToken, secrets, taint });
      }
      const written = writtenTaint(step, stepEnv);
      for (const [n, t] of written.env) envTaint.set(n, t);
      if (step.id) for (const [n, t] of written.outputs) outTaint.set(`${step.id}.${n}`, t);
    }
  }
  return out;
}

/** The chain a finding names: trigger → gate → prompt → tools → reach. */
export function chain(s: CiAgentStep): string {
  const trig = s.untrusted.length ? s.untrusted.map((t) => t.event).join('/') : s.forkPullRequest ? 'pull_request (forks)' : s.workflow.triggers.map((t) => t.event).join('/');
  const parts = [
    `${trig} (${s.untrusted.length ? 'anyone can start it' : 'started by people with write access'})`,
    s.gate ? `gate: ${s.gate}` : 'no gate',
    s.taint.length ? `prompt: ${s.taint[0].field} ${s.taint[0].path}` : undefined,
    s.exec ? `tools: ${s.exec}` : 'no shell tools',
    [s.writeToken, s.secrets.length ? `secrets ${s.secrets.join(', ')}` : undefined].filter(Boolean).join('; ') || 'no write token or extra secrets',
  ];
  return `${s.agent} in job "${s.job.id}": ${parts.filter(Boolean).join(' → ')}`;
}

const cached = new WeakMap<ProjectModel, CiAgentStep[]>();

/** Every agent step of every workflow in the model (after the commands are built), computed once. */
export function ciAgents(model: ProjectModel): CiAgentStep[] {
  let v = cached.get(model);
  if (!v) {
    const ci = (model.commands ?? []).filter((c) => c.context === 'ci');
    const commandsOf = (step: Step) => (step.run ? ci.filter((c) => c.loc.file === step.run!.loc.file && c.loc.start.line >= step.run!.loc.start.line && c.loc.start.line <= step.run!.loc.end.line) : []);
    const indexes = new Map(model.files.map((f) => [f.file, f.index]));
    const locate: Locate = (within, text) => {
      const index = indexes.get(within.file);
      if (!index) return within;
      const from = index.offset(within.start);
      const at = index.text.indexOf(text, from);
      return at >= 0 && at < index.offset(within.end) ? index.loc(at, at + text.length) : within;
    };
    v = (model.workflows ?? []).flatMap((w) => ciAgentSteps(w, commandsOf, locate));
    cached.set(model, v);
  }
  return v;
}

/** Reachable by anyone: an untrusted trigger and no gate. */
export function openToAnyone(s: CiAgentStep): boolean {
  return s.untrusted.length > 0 && !s.gate;
}
