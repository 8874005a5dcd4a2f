/**
 * Command: every shell command the project's files will run, parsed once by the real shell parser, with
 * where it is written and where it runs (the host, an image build, a container, an agent hook, an MCP server).
 * Sources: shell scripts, Dockerfile RUN/CMD/ENTRYPOINT (shell, exec and heredoc forms), compose
 * command/entrypoint, devcontainer lifecycle commands, Claude Code hooks, MCP server definitions; and,
 * inside any of them, `sh -c '…'`, `sudo`/`env` wrappers, `&&`/`||`/`;`, pipes and `$(…)`.
 */
import type { Loc } from '../types.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import { parseShellText, type LocMapper, type ShellCommand, type ShellWord } from '../parse/shell.js';
import type { TextIndex } from '../parse/text-index.js';
import { basename, unwrap } from './argv.js';
import { dockerExec, dockerRunLaunch } from './docker-run.js';
import { anchorDir } from '../shard.js';
import { joinSpecs, type CommandSpec, type ContainerLaunch } from './launch.js';
import type { ProjectModel } from './project.js';
import { SETTINGS_HELPERS, helperSource } from './policy/helpers.js';
import { entry, get, str } from '../parse/tree.js';
import { maskExpressions } from './workflow-expr.js';

export type CommandContext = 'host' | 'image-build' | 'container' | 'agent-hook' | 'mcp-server' | 'ci';

export interface Command {
  /** The program and its arguments, with wrappers (`sudo`, `env X=1`, `exec`) taken off. */
  words: ShellWord[];
  loc: Loc;
  context: CommandContext;
  /** The container it runs in, when known. */
  launch?: ContainerLaunch;
  /** What wrote it, for messages: `shell script`, `Dockerfile RUN`, `compose command`, `postCreateCommand`, … */
  source: string;
  /** The statement as written, redirections and heredoc bodies included. */
  statement: string;
  /** The command whose output this one reads through a pipe. */
  pipedFrom?: Command;
  /** The Dockerfile it belongs to (RUN, CMD, ENTRYPOINT), for ARG defaults. */
  dockerfile?: DockerfileDoc;
}

interface Origin {
  context: CommandContext;
  source: string;
  launch?: ContainerLaunch;
  dockerfile?: DockerfileDoc;
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);
/** How deep `sh -c "bash -c '…'"` is followed. */
const MAX_NESTING = 4;

/** Whether building the commands needs the shell parser (anything in shell form); exec-form-only projects skip it. */
export function needsShellParser(model: ProjectModel): boolean {
  if (model.files.some((f) => f.kind === 'shell')) return true;
  // An exec-form `["sh", "-c", "…"]` (or a `docker run … sh -c`) still holds a script.
  return specs(model).some(([s]) => !s.argv || s.argv.some((t) => SHELLS.has(basename(t.text))));
}

/** Every command spec in the model with where it runs. Docker-run launches are added later, from commands. */
function specs(model: ProjectModel): [CommandSpec, Origin][] {
  const out: [CommandSpec, Origin][] = [];
  for (const l of model.launches) {
    for (const c of l.commands) out.push([c, { context: 'container', source: c.source, launch: l }]);
    for (const c of l.hostCommands) out.push([c, { context: 'host', source: c.source, launch: l }]);
  }
  const launchOf = new Map<DockerfileDoc, ContainerLaunch>();
  for (const l of model.launches) if (l.dockerfile && !launchOf.has(l.dockerfile)) launchOf.set(l.dockerfile, l);
  for (const d of model.dockerfiles) {
    const launch = launchOf.get(d);
    for (const c of d.commands) {
      if (c.keyword === 'RUN') out.push([c, { context: 'image-build', source: c.source, dockerfile: d }]);
    }
    const start = startCommand(d);
    if (start) out.push([start, { context: 'container', source: start.source, launch, dockerfile: d }]);
  }
  for (const p of model.policies) {
    // Helper commands (statusLine, apiKeyHelper …) run on the host, like hooks, through /bin/sh.
    for (const s of p.claude?.sources ?? []) {
      for (const h of SETTINGS_HELPERS) {
        const e = entry(h.path.length === 1 ? s.tree : get(s.tree, h.path[0]), h.path[h.path.length - 1]);
        const value = str(e?.value);
        if (e && value) out.push([{ value, loc: e.value.loc, source: helperSource(h.path) }, { context: 'agent-hook', source: helperSource(h.path) }]);
      }
    }
    for (const h of p.hooks) out.push([{ value: h.command.value, loc: h.command.loc, source: `${h.event} hook` }, { context: 'agent-hook', source: `${h.event} hook` }]);
    for (const s of p.mcpServers) {
      // A disabled server is defined but never started.
      if (!s.command || s.disabled) continue;
      const argv = [s.command, ...s.args].map((a) => ({ text: a.value, loc: a.loc, dynamic: a.value.includes('$') }));
      out.push([{ value: argv.map((a) => a.text).join(' '), loc: s.command.loc, argv, source: `MCP server "${s.name}"` }, { context: 'mcp-server', source: `MCP server "${s.name}"` }]);
    }
  }
  // Subagent, skill and plugin hooks, inline skill commands, Gemini discovery commands, cloud-agent set-up:
  // each runs where the agent runs, without the user typing it.
  for (const a of model.agentFiles ?? []) for (const c of a.commands) out.push([c, { context: 'agent-hook', source: c.source }]);
  // Workflow `run:` steps run on the CI runner; each `${{ }}` is a dynamic word.
  for (const w of model.workflows ?? []) {
    for (const job of w.jobs) {
      for (const step of job.steps) {
        if (!step.run) continue;
        const source = `workflow job "${job.id}" step ${step.name ? `"${step.name}"` : step.index + 1}`;
        out.push([{ value: step.run.value, parseAs: maskExpressions(step.run.value), loc: step.run.loc, source }, { context: 'ci', source }]);
      }
    }
  }
  return out;
}

export function buildCommands(model: ProjectModel): Command[] {
  const indexes = new Map(model.files.map((f) => [f.file, f.index]));
  const out: Command[] = [];
  for (const f of model.files) {
    if (f.shell) out.push(...fromShell(f.shell.commands, { context: 'host', source: 'shell script' }, indexes, 0));
  }
  for (const [spec, origin] of specs(model)) out.push(...fromSpec(spec, origin, indexes));

  // A `docker run` anywhere (a script, an MCP server, a hook, initializeCommand) starts a container:
  // it is a launch, and the command after its image runs inside it.
  for (const c of [...out]) {
    const launch = dockerRunLaunch({ words: c.words, loc: c.loc, statement: c.statement });
    if (!launch) continue;
    model.launches.push(launch);
    for (const spec of launch.commands) out.push(...fromSpec(spec, { context: 'container', source: `${spec.source} (${c.source})`, launch }, indexes));
  }
  // `docker exec NAME cmd` and `docker compose exec SVC cmd` run cmd inside a container started elsewhere.
  for (const c of [...out]) {
    const exec = dockerExec(c.words);
    if (!exec) continue;
    // Only within the project folder (as shards keep it together), so a split scan links the same containers.
    const unit = anchorDir(c.loc.file, 'shell');
    const launch = model.launches.find((l) => anchorDir(l.anchor.file, 'shell') === unit && (l.containerName === exec.container || (exec.compose && l.source !== 'docker-run' && l.name.endsWith(`"${exec.container}"`))));
    const first = exec.command[0].loc;
    const last = exec.command[exec.command.length - 1].loc;
    const spec: CommandSpec = { value: exec.command.map((t) => t.text).join(' '), loc: { file: first.file, start: first.start, end: last.end }, argv: exec.command, source: 'docker exec command' };
    out.push(...fromSpec(spec, { context: 'container', source: `docker exec command (${c.source})`, launch }, indexes));
  }
  return byPlace(dedupe(out));
}

/** Sorted by file, line and column; each place is read once (a location works out its line when read). */
function byPlace(cmds: Command[]): Command[] {
  const keyed = cmds.map((c) => ({ c, file: c.loc.file, start: c.loc.start }));
  keyed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start.line - b.start.line || a.start.column - b.start.column));
  return keyed.map((k) => k.c);
}

/**
 * `sh -c "echo $(npx x)"`: the outer shell runs the substitution, and parsing the script again finds it
 * a second time at the same place. One command per place and argv.
 */
function dedupe(cmds: Command[]): Command[] {
  // Keyed by place only; the words are compared only among the few commands found at one place.
  const seen = new Map<string, Command[]>();
  return cmds.filter((c) => {
    const w = c.words[0].loc;
    const key = `${w.file}:${w.start.line}:${w.start.column}:${c.context}`;
    const here = seen.get(key);
    if (!here) {
      seen.set(key, [c]);
      return true;
    }
    if (here.some((d) => sameWords(d.words, c.words))) return false;
    here.push(c);
    return true;
  });
}

function sameWords(a: ShellWord[], b: ShellWord[]): boolean {
  return a.length === b.length && a.every((w, i) => w.text === b[i].text);
}

function fromSpec(spec: CommandSpec, origin: Origin, indexes: Map<string, TextIndex>): Command[] {
  if (spec.argv) {
    const words = spec.argv.map((t) => ({ text: t.text, loc: t.loc, dynamic: t.dynamic }));
    return fromShell([{ words, loc: spec.loc, statement: spec.value }], origin, indexes, 0);
  }
  const placed = place(spec.value, spec.loc, indexes.get(spec.loc.file));
  const { text, skip } = heredocBody(spec.parseAs ?? spec.value);
  const at: LocMapper = placed ? (s, e) => placed(skip + s, skip + e) : () => spec.loc;
  return fromShell(parseShellText(text, at).commands, origin, indexes, 0, { text, at });
}

/** The text the commands were parsed from and how it maps to the file: a nested `sh -c` script is placed through it. */
interface Parsed {
  text: string;
  at: LocMapper;
}

function fromShell(cmds: ShellCommand[], origin: Origin, indexes: Map<string, TextIndex>, depth: number, parent?: Parsed): Command[] {
  const made: Command[] = [];
  const out: Command[] = [];
  for (const sc of cmds) {
    const words = unwrap(sc.words);
    const cmd: Command = { words, loc: sc.loc, context: origin.context, launch: origin.launch, source: origin.source, statement: sc.statement, dockerfile: origin.dockerfile };
    if (sc.pipedFrom !== undefined && made[sc.pipedFrom]) cmd.pipedFrom = made[sc.pipedFrom];
    made.push(cmd);
    if (words.length === 0) continue;
    out.push(cmd);
    const script = shellScriptArg(words) ?? evalScript(words);
    if (script && depth < MAX_NESTING) {
      const at = placeInParent(script, parent) ?? place(script.text, script.loc, indexes.get(script.loc.file), true) ?? (() => script.loc);
      out.push(...fromShell(parseShellText(script.text, at).commands, origin, indexes, depth + 1, { text: script.text, at }));
    }
  }
  // After the loop: `echo … | tee -a ~/.bashrc` needs the command that reads the pipe.
  for (const cmd of depth < MAX_NESTING ? made : []) {
    const body = rcHeredoc(cmd);
    if (body) {
      // `cat >> ~/.zshrc <<'EOF' … EOF`: the body is placed where the file holds it.
      const index = indexes.get(cmd.loc.file);
      const off = index ? index.text.indexOf(body, index.offset(cmd.loc.start)) : -1;
      const at: LocMapper = index && off >= 0 ? (a, b) => index.loc(off + a, off + b) : () => cmd.loc;
      const later: Origin = origin.context === 'image-build' ? { ...origin, context: 'container', source: `shell rc file written by ${origin.source}` } : origin;
      out.push(...fromShell(parseShellText(body, at).commands, later, indexes, depth + 1, { text: body, at }));
    }
    for (const code of laterCode(cmd, made)) {
      const at = placeInParent(code, parent) ?? place(code.text, code.loc, indexes.get(code.loc.file), true) ?? (() => code.loc);
      // Code written into a shell rc file runs in the container's shells, not during the build.
      const later: Origin = origin.context === 'image-build' ? { ...origin, context: 'container', source: `shell rc file written by ${origin.source}` } : origin;
      out.push(...fromShell(parseShellText(code.text, at).commands, later, indexes, depth + 1, { text: code.text, at }));
    }
  }
  return out;
}

const RC_FILE = /(?:^|\/|\s)(?:\.(?:bash|zsh)rc|\.bash_aliases|\.bash_profile|\.z?profile|\.zshenv|bash\.bashrc|zsh\.zshrc|profile\.d\/[^\s/]+)(?=$|[\s;&|)"'])/;

/**
 * Shell code a command defines for later: the value of `alias claude='claude --dangerously-skip-permissions'`,
 * and what `echo`/`printf` (or `… | tee -a`) writes into a shell rc file (`>> ~/.bashrc`): it runs when a shell
 * starts, so its commands are judged like any other.
 */
function laterCode(cmd: Command, made: Command[]): ShellWord[] {
  const prog = programOf(cmd);
  if (prog === 'alias') {
    return cmd.words.slice(1).flatMap((w) => {
      const eq = w.text.indexOf('=');
      if (eq <= 0) return [];
      const value = w.text.slice(eq + 1);
      const start = w.start === undefined ? undefined : w.start + eq + 1;
      return value ? [{ text: value, loc: w.loc, dynamic: w.dynamic, start }] : [];
    });
  }
  if (prog !== 'echo' && prog !== 'printf') return [];
  const intoRc = RC_FILE.test(cmd.statement.slice(cmd.statement.search(/>{1,2}/) + 1 || cmd.statement.length)) || made.some((m) => m.pipedFrom === cmd && programOf(m) === 'tee' && m.words.some((w) => RC_FILE.test(w.text)));
  if (!intoRc) return [];
  let args = cmd.words.slice(1).filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text)));
  // `printf '%s\n' 'alias …'`: the format is not the code.
  if (prog === 'printf' && args.length > 1 && args[0].text.includes('%')) args = args.slice(1);
  return args.length <= 1 ? args : [joinWords(args)];
}

/** The heredoc body `cat`/`tee` writes into a shell rc file (`cat >> ~/.bashrc <<'EOF'`), or undefined. */
function rcHeredoc(cmd: Command): string | undefined {
  const prog = programOf(cmd);
  if (prog !== 'cat' && prog !== 'tee') return undefined;
  const m = /<<-?\s*(["']?)([A-Za-z_][\w-]*)\1[^\n]*\n/.exec(cmd.statement);
  if (!m) return undefined;
  const head = cmd.statement.slice(0, m.index);
  const target = prog === 'tee' ? cmd.words.slice(1).map((w) => w.text).join(' ') : head.slice(head.search(/>{1,2}/) + 1);
  if (!/>{1,2}/.test(head) && prog === 'cat') return undefined;
  if (!RC_FILE.test(` ${target}`)) return undefined;
  const rest = cmd.statement.slice(m.index + m[0].length);
  const end = rest.search(new RegExp(`^\\s*${m[2]}\\s*$`, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

function joinWords(words: ShellWord[]): ShellWord {
  return { text: words.map((w) => w.text).join(' '), loc: { file: words[0].loc.file, start: words[0].loc.start, end: words[words.length - 1].loc.end }, dynamic: words.some((w) => w.dynamic) };
}

/** A `sh -c` script word placed through the text it was parsed from, when it stands there verbatim (quoted or not). */
function placeInParent(word: ShellWord, parent: Parsed | undefined): LocMapper | undefined {
  if (!parent || word.start === undefined) return undefined;
  const q = parent.text[word.start] === '"' || parent.text[word.start] === "'" ? 1 : 0;
  if (!parent.text.startsWith(word.text, word.start + q)) return undefined;
  const base = word.start + q;
  return (a, b) => parent.at(base + a, base + b);
}

/** `eval "<script>"`: the shell runs its joined arguments as a script. */
function evalScript(words: ShellWord[]): ShellWord | undefined {
  if (words[0]?.text !== 'eval' || words.length < 2) return undefined;
  return words.length === 2 ? words[1] : joinWords(words.slice(1));
}

/** The script of `sh -c '<script>'`, `bash -lc "<script>"`. */
export function shellScriptArg(words: ShellWord[]): ShellWord | undefined {
  if (!SHELLS.has(basename(words[0].text))) return undefined;
  for (let i = 1; i < words.length - 1; i++) {
    const t = words[i].text;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) return words[i + 1];
    if (!t.startsWith('-')) return undefined;
  }
  return undefined;
}

/**
 * How offsets in `value` map to its file, when the file holds it verbatim (a plain or quoted scalar, a
 * Dockerfile line, a quoted shell word, a YAML block scalar line by line) so that each parsed word gets its
 * exact column; undefined when the file spells it with escapes, and then every word points at the whole value.
 */
function place(value: string, loc: Loc, index: TextIndex | undefined, quotedOnly = false): LocMapper | undefined {
  if (!index) return undefined;
  const start = index.offset(loc.start);
  const text = index.text;
  const shifted = (base: number): LocMapper => (a, b) => index.loc(base + a, base + b);
  if (!quotedOnly && text.startsWith(value, start)) return shifted(start);
  if ((text[start] === '"' || text[start] === "'") && text.startsWith(value, start + 1)) return shifted(start + 1);
  if (text[start] === '|' || text[start] === '>') return blockScalar(value, index, start, index.offset(loc.end));
  return undefined;
}

/** A YAML block scalar (`|`, `>-`): each line of the value sits on its own line of the file, indented. */
function blockScalar(value: string, index: TextIndex, start: number, end: number): LocMapper | undefined {
  const segments: { from: number; to: number; file: number }[] = [];
  let cursor = 0;
  const body = index.text.slice(start, end);
  let lineStart = body.indexOf('\n') + 1;
  if (lineStart === 0) return undefined;
  while (lineStart < body.length) {
    const nl = body.indexOf('\n', lineStart);
    const raw = body.slice(lineStart, nl < 0 ? body.length : nl).replace(/\r$/, '');
    const content = raw.trimStart();
    if (content) {
      const at = value.indexOf(content, cursor);
      if (at < 0) return undefined;
      segments.push({ from: at, to: at + content.length, file: start + lineStart + (raw.length - content.length) });
      cursor = at + content.length;
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  const toFile = (o: number): number => {
    const seg = segments.find((g) => o >= g.from && o <= g.to) ?? segments.find((g) => o < g.from);
    return seg ? seg.file + Math.max(0, Math.min(o, seg.to) - seg.from) : end;
  };
  return segments.length ? (a, b) => index.loc(toFile(a), toFile(b)) : undefined;
}

/** `RUN <<EOF … EOF`: the heredoc body is the script; `skip` is where it starts in the value. */
function heredocBody(value: string): { text: string; skip: number } {
  const m = /^\s*<<-?\s*["']?([A-Za-z_][\w-]*)["']?[^\n]*\n/.exec(value);
  if (!m) return { text: value, skip: 0 };
  const skip = m[0].length;
  const end = value.search(new RegExp(`^\\s*${m[1]}\\s*$`, 'm'));
  return { text: value.slice(skip, end > skip ? end : undefined), skip };
}

/**
 * What the image runs: its last ENTRYPOINT and CMD (of the final stage), joined into one argv when both are in
 * exec form (`ENTRYPOINT ["npx", "-y"]` + `CMD ["server"]` runs `npx -y server`).
 */
function startCommand(d: DockerfileDoc): CommandSpec | undefined {
  const lastStage = d.commands.filter((c) => c.loc.start.line >= (d.stages.at(-1)?.image.loc.start.line ?? 0));
  const entry = lastStage.filter((c) => c.keyword === 'ENTRYPOINT').at(-1);
  const cmd = lastStage.filter((c) => c.keyword === 'CMD').at(-1);
  return joinSpecs(entry, cmd, 'Dockerfile ENTRYPOINT + CMD');
}

/** The program a command runs (`npx`, `pip3`), without its path. */
export function programOf(c: Command): string {
  return basename(c.words[0]?.text ?? '');
}
