/** `docker|podman|nerdctl run|create` in shell commands → ContainerLaunch. */
import type { Loc } from '../types.js';
import type { ShellCommand } from '../parse/shell.js';
import { applyRunFlags, parseRunFlags, type Token } from './docker-flags.js';
import { basename, unwrap } from './argv.js';
import { emptyLaunch, type ContainerLaunch } from './launch.js';

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);
/** Global engine options that take a value, before the subcommand (`docker --context ci run …`). */
const GLOBAL_VALUE_FLAGS = new Set(['-c', '--context', '-H', '--host', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--connection', '--url', '--root', '--runroot', '--namespace', '-n']);

export function dockerRunLaunch(cmd: ShellCommand): ContainerLaunch | undefined {
  const words = unwrap(cmd.words);
  if (words.length < 2) return undefined;
  const engine = basename(words[0].text);
  if (!ENGINES.has(engine)) return undefined;
  let i = 1;
  while (i < words.length && words[i].text.startsWith('-')) i += GLOBAL_VALUE_FLAGS.has(words[i].text) ? 2 : 1;
  if (words[i]?.text === 'container') i++;
  const sub = words[i]?.text;
  if (sub !== 'run' && sub !== 'create') return undefined;
  const parsed = parseRunFlags(words.slice(i + 1) as Token[]);
  // Cut short (a comment line inside a `\` continuation ends the command, as in sh): no container starts.
  if (!parsed.image && !parsed.unknownFlags) return undefined;
  // `"$DOCKER" run`: the program's word may come from an assignment elsewhere; the launch is where it runs.
  const first = within(words[0].loc, cmd.loc) ? words[0].loc : cmd.loc;
  const last = within(words[i].loc, cmd.loc) ? words[i].loc : first;
  const anchor: Loc = { file: first.file, start: first.start, end: last.end };
  const launch = emptyLaunch('docker-run', `${engine} ${sub}`, anchor, cmd.loc);
  // Flags go right after `run`; only when that word is where the command is (not in an assignment elsewhere).
  if (within(words[i].loc, cmd.loc)) launch.edit = { format: 'argv', file: anchor.file, after: words[i].loc };
  applyRunFlags(launch, parsed.flags);
  if (parsed.image) launch.image = { value: parsed.image.text, loc: parsed.image.loc };
  if (parsed.command.length) {
    const first = parsed.command[0].loc;
    const last = parsed.command[parsed.command.length - 1].loc;
    launch.commands.push({
      value: parsed.command.map((t) => t.text).join(' '),
      loc: { file: first.file, start: first.start, end: last.end },
      argv: parsed.command,
      source: `${engine} ${sub} command`,
    });
  }
  return launch;
}

function within(inner: Loc, outer: Loc): boolean {
  if (inner.file !== outer.file) return false;
  const after = (a: Loc['start'], b: Loc['start']) => a.line > b.line || (a.line === b.line && a.column >= b.column);
  return after(inner.start, outer.start) && after(outer.end, inner.end);
}

/** Options of `docker exec` that take a value. */
const EXEC_VALUE_FLAGS = new Set(['-u', '--user', '-e', '--env', '-w', '--workdir', '--env-file', '--detach-keys', '--index']);

/** `docker exec [opts] NAME cmd…`, `docker compose [-f x] exec [opts] SVC cmd…`, `docker-compose exec SVC cmd…`. */
export function dockerExec(input: ShellCommand['words']): { container: string; compose: boolean; command: ShellCommand['words'] } | undefined {
  const words = unwrap(input);
  const prog = basename(words[0]?.text ?? '');
  let i = 1;
  let compose = prog === 'docker-compose' || prog === 'podman-compose';
  if (!compose && !ENGINES.has(prog)) return undefined;
  while (i < words.length && words[i].text.startsWith('-')) i += GLOBAL_VALUE_FLAGS.has(words[i].text) ? 2 : 1;
  if (!compose && words[i]?.text === 'compose') {
    compose = true;
    i++;
    while (i < words.length && words[i].text.startsWith('-')) i += ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory'].includes(words[i].text) ? 2 : 1;
  }
  if (words[i]?.text === 'container') i++;
  if (words[i]?.text !== 'exec') return undefined;
  for (i++; i < words.length && words[i].text.startsWith('-'); i++) if (EXEC_VALUE_FLAGS.has(words[i].text)) i++;
  const container = words[i]?.text;
  const command = words.slice(i + 1);
  if (!container || container.includes('$') || command.length === 0) return undefined;
  return { container, compose, command };
}
