/** The command line: arguments, --help, output and exit codes (0 clean, 1 findings, 2 usage/config/internal error). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, defaultConfig, findConfig, loadConfig, type Config } from './config.js';
import { lint, RULES } from './lint.js';
import { formatResult, isFormat, FORMATS, type Format } from './report/index.js';
import { TOOL_NAME, VERSION, ruleDocUrl } from './meta.js';
import { SEVERITY_ORDER, type Severity } from './types.js';

const HELP = `Usage: ${TOOL_NAME} [options] [path ...]

Lints the sandboxes AI coding agents run in: devcontainer.json, compose files,
Dockerfiles, shell scripts that run docker/podman, and agent settings.
Paths are folders (walked, respecting .gitignore) or files (always linted).
Default path: the current folder.

Options:
  -f, --format <text|json|sarif|github>  output format (default: text)
  -o, --output <file>               write the report to a file instead of stdout
      --fail-on <error|warning|note|none>
                                    exit 1 when a finding is at or above this level
                                    (default: warning)
      --exit-zero                   always exit 0 when the run itself worked
  -c, --config <file>               config file (default: the nearest
                                    .agent-sandbox-lint.yaml at or above the first path)
      --no-config                   ignore config files
      --no-inline-suppressions      ignore agent-sandbox-lint-disable comments (for CI)
      --max-file-size <bytes>       skip larger files with a finding (default: 1048576)
      --sarif-category <name>       write runs[].automationDetails.id for code scanning
      --color / --no-color          force colour on or off (default: on for a terminal,
                                    off when NO_COLOR is set)
      --list-rules                  list the rules and exit (with --format json: their metadata)
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
  return { values, paths: positionals.length ? positionals : ['.'], format: format as Format, failOn: failOn as FailOn, maxFileSize };
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

function resolveConfig(values: { config?: string; 'no-config'?: boolean }, paths: string[], cwd: string): Config {
  const known = RULES.map((r) => r.id);
  if (values.config) return loadConfig(path.resolve(cwd, values.config), known);
  if (values['no-config']) return defaultConfig(cwd);
  const found = findConfig(path.resolve(cwd, paths[0]));
  return found ? loadConfig(found, known) : defaultConfig(cwd);
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
  let config: Config;
  try {
    config = resolveConfig(values, opts.paths, cwd);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${TOOL_NAME}: config error: ${e.message}\n`);
    return 2;
  }
  if (opts.maxFileSize) config.maxFileSize = opts.maxFileSize;

  const run = await lint({ paths: opts.paths, cwd, config, inlineSuppressions: config.inlineSuppressions && !values['no-inline-suppressions'] });
  if (run.missing.length) {
    process.stderr.write(`${TOOL_NAME}: no such file or folder: ${run.missing.join(', ')}\n`);
    return 2;
  }
  const report = formatResult(opts.format, run, { color: useColor(values, !!values.output), sarifCategory: values['sarif-category'] });
  if (values.output) writeFileSync(path.resolve(cwd, values.output), report);
  else process.stdout.write(report);

  if (values['exit-zero'] || opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn as Severity];
  return run.findings.some((f) => !f.suppressed && SEVERITY_ORDER[f.severity] >= threshold) ? 1 : 0;
}
