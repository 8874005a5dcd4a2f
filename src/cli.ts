/** The command line: arguments, --help, output and exit codes (0 clean, 1 findings, 2 usage/config/internal error). */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyBaseline, BaselineError, writeBaseline } from './baseline.js';
import { ConfigError, defaultConfig, didYouMean, findConfig, loadConfig, pathMatcher, type Config } from './config.js';
import { discover, identifyNamedFile } from './discover.js';
import { lint, RULES, type LintRun } from './lint.js';
import { displayPath } from './load.js';
import { reportPieces, isFormat, FORMATS, type Format } from './report/index.js';
import { nothingLintedMessage, skippedLines, type SkippedFile } from './report/skipped.js';
import { blocks } from './report/pretty-json.js';
import { TOOL_NAME, VERSION, ruleDocUrl } from './meta.js';
import { SEVERITY_ORDER, type Severity } from './types.js';
import { isProfileName, PROFILE_NAMES } from './posture/profiles.js';
import { applyFixes, dryRunDiff, type FixOutcome } from './fix/run.js';

const HELP = `Usage: ${TOOL_NAME} [options] [path ...]

Lints the sandboxes AI coding agents run in: devcontainer.json, compose files,
Dockerfiles, shell scripts, Claude Code settings, subagents, skills and plugins,
Codex config.toml, .vscode/settings.json, the MCP files of every client (.mcp.json,
.vscode/mcp.json, .cursor/mcp.json, .kiro/settings/mcp.json, .roo/mcp.json,
.kilocode/mcp.json, cline_mcp_settings.json, mcp_settings.json), .gemini/.env,
Gemini CLI and Qwen Code settings, Cursor cli.json and environment.json, opencode.json,
.amp/settings.json, .zed/settings.json and .aider.conf.yml, GitHub workflows that run
coding agents (.github/workflows/*.yml and their local composite actions), and every
command they run (docker run, npx, curl | sh, claude and codex flags).
Paths are folders or files; default: the current folder. A folder is walked,
skipping node_modules, .git and what .gitignore files exclude (a folder you
name is walked even if a .gitignore above it ignores it). A file you name is
read when its name, or else its first 8 KB, say its kind (compose: a top-level
services key; Dockerfile: first instruction FROM or ARG; script: a sh/bash/zsh
shebang; devcontainer: a JSON object with image, build or dockerComposeFile);
any other is reported as skipped, with the reason, on stderr and in the JSON
report. A run that lints no file says why on stderr.

Options:
  -f, --format <text|json|sarif|github|markdown|html>
                                    output format (default: text); markdown for a pull-request
                                    comment or step summary, html for one self-contained page
  -o, --output <file>               write the report to a file instead of stdout
      --fail-on <error|warning|note|none>
                                    exit 1 when a finding is at or above this level
                                    (default: warning)
      --exit-zero                   always exit 0 when the run itself worked
  -c, --config <file>               config file (default: the nearest
                                    .agent-sandbox-lint.yaml at or above the first path)
      --no-config                   ignore config files
      --no-inline-suppressions      ignore agent-sandbox-lint-disable comments (for CI)
      --profile <review|default|strict>
                                    the use case levels and the posture are judged for:
                                    review (read-only work: a writable workspace or root
                                    counts), default (normal development), strict (high
                                    security: notes weaken the posture, limits, read-only
                                    root and pinned images are warnings, open egress an error)
      --fix                         apply the safe fixes (cap_drop ALL, no-new-privileges,
                                    read-only mounts, settings that ask) to the files, then
                                    report what is left; fixes that could break the
                                    environment are only suggested
      --fix-dry-run                 print the fixes as a unified diff (safe ones, then each
                                    suggestion) and change nothing
      --max-file-size <bytes>       skip larger files with a finding (default: 1048576)
      --concurrency <n|auto|off>    threads for a large scan (over 500 files): a number,
                                    auto (half the cores, at most 4; the default) or off
      --sarif-category <name>       write runs[].automationDetails.id for code scanning
      --link-base <url>             markdown: link findings to <url><file>#L<line>
                                    (e.g. https://github.com/o/r/blob/<sha>/)
      --baseline <file>             hide the findings recorded in this baseline; report only new ones
      --write-baseline <file>       record the current findings as the baseline and exit 0
      --color / --no-color          force colour on or off (default: on for a terminal,
                                    off when NO_COLOR is set)
      --list-rules                  list the rules and exit (with --format json: their metadata)
      --explain <rule-id>           print a rule's documentation and exit
  -v, --version                     print the version and exit
  -h, --help                        print this help and exit

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage, config or
internal error.

Suppress a finding with a comment on the line above it:
  # agent-sandbox-lint-disable-next-line <rule-id> -- <reason>
or for a whole file: # agent-sandbox-lint-disable-file <rule-id> -- <reason>`;

class UsageError extends Error {}

const FAIL_ON = ['error', 'warning', 'note', 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      'fail-on': { type: 'string' },
      'exit-zero': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean' },
      'no-inline-suppressions': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      'sarif-category': { type: 'string' },
      'link-base': { type: 'string' },
      concurrency: { type: 'string' },
      profile: { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      explain: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'list-rules': { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const format = values.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown --format "${format}"; use one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] ?? 'warning';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`unknown --fail-on "${failOn}"; use one of ${FAIL_ON.join(', ')}`);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size takes a positive number of bytes');
  }
  const concurrency = parseConcurrency(values.concurrency ?? 'auto');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run do not go together: --fix-dry-run shows what --fix would change');
  if ((values.fix || values['fix-dry-run']) && (values.baseline !== undefined || values['write-baseline'] !== undefined)) throw new UsageError('--fix and --fix-dry-run do not take a baseline: they fix every finding they can');
  if (values.profile !== undefined && !isProfileName(values.profile)) throw new UsageError(`unknown --profile "${values.profile}"; use one of ${PROFILE_NAMES.join(', ')}`);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined && path.resolve(values.baseline) !== path.resolve(values['write-baseline'])) {
    throw new UsageError('--baseline and --write-baseline name different files; --write-baseline alone records every current finding');
  }
  return { values, paths: positionals.length ? positionals : ['.'], format: format as Format, failOn: failOn as FailOn, maxFileSize, concurrency };
}

function parseConcurrency(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  if (v === 'off') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency takes a number of threads, auto or off, not "${v}"`);
  return n;
}

function useColor(values: { color?: boolean; 'no-color'?: boolean }, toFile: boolean): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (toFile || process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return !!process.stdout.isTTY;
}

function listRules(format: Format): string {
  if (format === 'json') {
    const rules = [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ check: _check, ...meta }) => ({ ...meta, helpUri: ruleDocUrl(meta.id) }));
    return `${JSON.stringify(rules, null, 2)}\n`;
  }
  const rows = [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => `${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.title}`);
  return `${rows.join('\n')}\n\n${RULES.length} rules. Docs: ${ruleDocUrl('<rule-id>')}\n`;
}

/** The rule's page from docs/rules/ (shipped next to dist/), or one built from its metadata when the page is missing. */
function explain(id: string): { text: string; code: number } {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) {
    const ids = RULES.map((r) => r.id);
    const partial = ids.filter((r) => r.includes(id.toLowerCase()));
    const hint = partial.length === 1 ? ` (did you mean "${partial[0]}"?)` : didYouMean(id, ids);
    return { text: `${TOOL_NAME}: unknown rule "${id}"${hint}. Run ${TOOL_NAME} --list-rules to see them all.\n`, code: 2 };
  }
  try {
    return { text: readFileSync(fileURLToPath(new URL(`../docs/rules/${id}.md`, import.meta.url)), 'utf8'), code: 0 };
  } catch {
    return { text: `# ${rule.id}\n\n**${rule.title}** · default level: \`${rule.severity}\`\n\n${rule.docs.trim()}\n\n${ruleDocUrl(rule.id)}\n`, code: 0 };
  }
}

/** Files read / total on one rewritten stderr line: only on a terminal, outside CI, and only for big runs. */
export const PROGRESS_MIN_FILES = 300;

export function progressLine(stream: { isTTY?: boolean; write(s: string): unknown }, env: NodeJS.ProcessEnv) {
  if (!stream.isTTY || env.CI || env.GITHUB_ACTIONS) return undefined;
  let shown = false;
  let last = 0;
  const update = (done: number, total: number) => {
    if (total < PROGRESS_MIN_FILES) return;
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    shown = true;
    stream.write(`\r${TOOL_NAME}: read ${done}/${total} files`);
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
  };
  return { update, clear };
}

function resolveConfig(values: { config?: string; 'no-config'?: boolean }, paths: string[], cwd: string): Config {
  const known = RULES.map((r) => r.id);
  if (values.config) return loadConfig(path.resolve(cwd, values.config), known);
  if (values['no-config']) return defaultConfig(cwd);
  const found = findConfig(path.resolve(cwd, paths[0]));
  return found ? loadConfig(found, known) : defaultConfig(cwd);
}

/**
 * The files named on the command line that the run did not lint, each with why. Discovery knows why for a file
 * of no kind it reads; a file of a kind is dropped later only by the config's ignorePaths or, named like a
 * compose file, for having no top-level `services`. Only files missing from the result are looked at again.
 */
async function skippedNamedFiles(paths: string[], cwd: string, run: LintRun, config: Config): Promise<SkippedFile[]> {
  const reported = new Set([...run.files.map((f) => f.file), ...run.findings.map((f) => f.file)]);
  const ignored = pathMatcher(config, config.ignorePaths);
  const out = new Map<string, SkippedFile>();
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const file = displayPath(abs, cwd);
    if (reported.has(file) || out.has(file) || (statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? true)) continue;
    const id = await identifyNamedFile(abs, cwd);
    let reason: string;
    if ('reason' in id) reason = id.reason;
    else if (config.ignorePaths.length && ignored(abs)) reason = `it matches ignorePaths in ${configName(config, cwd)}`;
    else if (id.kind === 'compose') reason = 'its top level has no "services" mapping, so it is no compose file';
    else reason = 'it was not read';
    out.set(file, { file, reason });
  }
  return [...out.values()];
}

/** Why a run linted no file. Only such a run walks the named folders a second time, to count what was left out. */
async function whyNothingLinted(paths: string[], cwd: string, skipped: SkippedFile[], config: Config): Promise<string> {
  const folders = paths.filter((p) => statSync(path.resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory());
  const walked = folders.length ? await discover(folders, cwd) : undefined;
  const ignored = pathMatcher(config, config.ignorePaths);
  const found = walked?.candidates ?? [];
  const byConfig = config.ignorePaths.length ? found.filter((c) => ignored(c.abs)) : [];
  const show = (abs: string) => displayPath(abs, cwd);
  return nothingLintedMessage({
    folders,
    gitignored: (walked?.gitignored ?? []).map(show),
    configIgnored: byConfig.map((c) => show(c.abs)),
    configFile: configName(config, cwd),
    notCompose: found.filter((c) => c.kind === 'compose' && !byConfig.includes(c)).map((c) => show(c.abs)),
    skipped: skipped.map((s) => s.file),
  });
}

function configName(config: Config, cwd: string): string {
  return config.source ? displayPath(config.source, cwd) : 'the config';
}

/** What --fix did, on stderr: files and fixes, files it put back, and the suggestions it leaves to you. */
function fixSummary(o: FixOutcome, run: LintRun): string {
  const lines: string[] = [];
  const files = [...o.changed.keys()];
  lines.push(`${TOOL_NAME}: --fix applied ${o.fixes} fix${o.fixes === 1 ? '' : 'es'} in ${files.length} file${files.length === 1 ? '' : 's'}${files.length ? `: ${files.join(', ')}` : ''}`);
  for (const f of o.reverted) lines.push(`${TOOL_NAME}: a fix left ${f} unreadable, so the file was put back as it was; please report this`);
  for (const f of o.stale) lines.push(`${TOOL_NAME}: ${f} changed while it was linted; not fixed`);
  const left = run.findings.filter((f) => !f.suppressed && f.fix && !f.fix.safe).length;
  if (left) lines.push(`${TOOL_NAME}: ${left} suggested fix${left === 1 ? '' : 'es'} not applied (they could break the environment): see them with --fix-dry-run`);
  return lines.join('\n') + '\n';
}

/** writeSync may write less than it is given; the rest follows. */
function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text);
  for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  let opts;
  try {
    opts = parse(argv);
  } catch (e) {
    const msg = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (e as Error).message : String(e);
    process.stderr.write(`${TOOL_NAME}: ${msg}\nRun ${TOOL_NAME} --help for usage.\n`);
    return 2;
  }
  const { values } = opts;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values['list-rules']) {
    process.stdout.write(listRules(opts.format));
    return 0;
  }
  if (values.explain !== undefined) {
    const { text, code } = explain(values.explain);
    (code === 0 ? process.stdout : process.stderr).write(text);
    return code;
  }
  let config: Config;
  try {
    config = resolveConfig(values, opts.paths, cwd);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${TOOL_NAME}: config error: ${e.message}\n`);
    return 2;
  }
  if (opts.maxFileSize) config.maxFileSize = opts.maxFileSize;
  if (values.profile !== undefined && isProfileName(values.profile)) config.profile = values.profile;

  const progress = progressLine(process.stderr, process.env);
  const inlineSuppressions = config.inlineSuppressions && !values['no-inline-suppressions'];
  const lintOnce = () => lint({ paths: opts.paths, cwd, config, inlineSuppressions, concurrency: opts.concurrency, onProgress: progress?.update });
  let run: LintRun;
  if (values.fix) {
    const outcome = await applyFixes(lintOnce, cwd);
    run = outcome.run;
    process.stderr.write(fixSummary(outcome, run));
  } else run = await lintOnce();
  progress?.clear();
  if (values['fix-dry-run'] && !run.missing.length) {
    const dry = dryRunDiff(run);
    const out = dry.text || '';
    if (values.output) writeFileSync(path.resolve(cwd, values.output), out);
    else process.stdout.write(out);
    const more = dry.deferred ? `; ${dry.deferred} more overlap these and --fix applies them in a later pass` : '';
    process.stderr.write(`${TOOL_NAME}: --fix would apply ${dry.safe} fix${dry.safe === 1 ? '' : 'es'}${more}; ${dry.suggestions} suggestion${dry.suggestions === 1 ? '' : 's'} shown that --fix never applies. Nothing was changed.\n`);
    return 0;
  }
  if (run.missing.length) {
    process.stderr.write(`${TOOL_NAME}: no such file or folder: ${run.missing.join(', ')}\n`);
    return 2;
  }
  // Discovery never passes silently: a named file that is not linted says why, and so does a run that lints nothing.
  run.skipped = await skippedNamedFiles(opts.paths, cwd, run, config);
  process.stderr.write(skippedLines(run.skipped));
  if (run.files.length === 0 && run.findings.length === 0) process.stderr.write(await whyNothingLinted(opts.paths, cwd, run.skipped, config));
  const baselineInputs = { findings: run.findings, sources: run.sources, files: run.files.map((f) => f.file), cwd };
  try {
    if (values['write-baseline'] !== undefined) {
      const n = writeBaseline(values['write-baseline'], baselineInputs);
      process.stderr.write(`${TOOL_NAME}: wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${values['write-baseline']}\n`);
      return 0;
    }
    if (values.baseline !== undefined) {
      const applied = applyBaseline(values.baseline, baselineInputs);
      run.findings = applied.findings;
      run.baseline = applied.summary;
    }
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    process.stderr.write(`${TOOL_NAME}: ${e.message}\n`);
    return 2;
  }
  const report = blocks(reportPieces(opts.format, run, { color: useColor(values, !!values.output), sarifCategory: values['sarif-category'], linkBase: values['link-base'] }));
  if (values.output) {
    const out = path.resolve(cwd, values.output);
    let fd: number | undefined;
    try {
      mkdirSync(path.dirname(out), { recursive: true });
      fd = openSync(out, 'w');
      for (const block of report) writeAll(fd, block);
    } catch (e) {
      process.stderr.write(`${TOOL_NAME}: cannot write ${values.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      return 2;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } else {
    for (const block of report) process.stdout.write(block);
  }

  if (values['exit-zero'] || opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn as Severity];
  return run.findings.some((f) => !f.suppressed && SEVERITY_ORDER[f.severity] >= threshold) ? 1 : 0;
}
