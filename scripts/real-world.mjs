#!/usr/bin/env node
/**
 * The real-world regression set (test/real-world/): lints every repository folder with a built CLI and
 * compares the findings with the reviewed expectations. Prints precision and recall per rule, and every
 * difference (a finding not reviewed yet, a known miss now found, a reviewed finding gone) to read by hand.
 *
 *   node scripts/real-world.mjs                      # this checkout's dist/cli.js
 *   node scripts/real-world.mjs --cli OTHER/cli.js   # another build (e.g. the previous release), same truth
 *   node scripts/real-world.mjs --diff               # also list each difference
 *   node scripts/real-world.mjs --json               # figures as JSON
 *   node scripts/real-world.mjs --policy             # only agent-policy files (every agent's settings, MCP, skill … files)
 *   node scripts/real-world.mjs --kind opencode      # only one kind of file (names as in --by-kind)
 *   node scripts/real-world.mjs --by-kind            # files, true findings, precision and recall per kind of agent file
 *   node scripts/real-world.mjs --sources            # rewrite test/real-world/SOURCES.md from the expectation files
 *
 * Truth is what the review says should be reported: the `tp` and `fn` entries (file, line, rule, level).
 * Precision = reported and true / reported; recall = reported and true / true. A finding at the wrong level or
 * line counts as one wrong finding and one miss ("strict"); "loose" ignores the level.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SET = path.join(root, 'test/real-world');
const args = process.argv.slice(2);
const cli = path.resolve(args.includes('--cli') ? args[args.indexOf('--cli') + 1] : path.join(root, 'dist/cli.js'));

/** The agent-policy kinds of file (the names src/discover.ts reads), each with a label for --by-kind. */
const KINDS = [
  ['claude-settings', /(^|\/)(?:\.claude\/settings(?:\.local)?\.json|managed-settings\.json|(?:claude|dot-claude|(?:[a-z]+_)*dot_claude)\/settings(?:\.local)?\.json)$/],
  ['claude .mcp.json', /(^|\/)\.mcp\.json$/],
  ['codex-config', /(^|\/)(?:\.?codex|dot-codex|(?:[a-z]+_)*dot_codex)\/config\.toml$/],
  ['vscode-settings', /(^|\/)\.vscode\/settings\.json$/],
  ['claude-agent', /(^|\/)\.claude\/agents\/.+\.md$/],
  ['claude-skill', /(^|\/)\.claude\/skills\/[^/]+\/SKILL\.md$/],
  ['claude-command', /(^|\/)\.claude\/commands\/.+\.md$/],
  ['claude-plugin marketplace.json', /(^|\/)\.claude-plugin\/marketplace\.json$/],
  ['claude-plugin plugin.json', /(^|\/)\.claude-plugin\/plugin\.json$/],
  ['claude-plugin hooks.json', /(^|\/)hooks\/hooks\.json$/],
  ['gemini-settings', /(^|\/)\.gemini\/settings\.json$/],
  ['qwen-settings', /(^|\/)\.qwen\/settings(?:\.local)?\.json$/],
  ['gemini-env', /(^|\/)\.gemini\/\.env$/],
  ['vscode mcp.json', /(^|\/)\.vscode\/mcp\.json$/],
  ['cursor mcp.json', /(^|\/)\.cursor\/mcp\.json$/],
  ['kiro mcp.json', /(^|\/)\.kiro\/settings\/mcp\.json$/],
  ['roo/kilo mcp.json', /(^|\/)\.(?:roo|kilocode)\/mcp\.json$/],
  ['cursor-cli', /(^|\/)\.cursor\/cli\.json$/],
  ['cursor-environment', /(^|\/)\.cursor\/environment\.json$/],
  ['opencode', /(^|\/)opencode\.jsonc?$/],
  ['amp-settings', /(^|\/)\.amp\/settings\.json$/],
  ['zed-settings', /(^|\/)\.zed\/settings\.json$/],
  ['aider-config', /(^|\/)\.aider\.conf\.ya?ml$/],
  ['workflow', /(^|\/)\.github\/(?:workflows\/[^/]+|actions\/.+\/action)\.ya?ml$/],
];
const kindOf = (file) => KINDS.find(([, re]) => re.test(file))?.[0];
const only = args.includes('--kind') ? args[args.indexOf('--kind') + 1] : undefined;
const inScope = (f) => (!args.includes('--policy') || kindOf(f.file) !== undefined) && (only === undefined || kindOf(f.file) === only);
const key = (f, level = true) => `${f.file}:${f.line} ${f.rule}${level ? ` ${f.level}` : ''}`;

export function lintRepo(dir, cliPath = cli) {
  let out;
  try {
    out = execFileSync(process.execPath, [cliPath, '--format', 'json', '--no-inline-suppressions', '--exit-zero', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, AGENT_SANDBOX_LINT_NO_CACHE: '1' } });
  } catch (e) {
    throw new Error(`${dir}: ${e.stderr || e.message}`);
  }
  return JSON.parse(out).findings.map((f) => ({ file: f.file, line: f.line, rule: f.ruleId, level: f.severity }));
}

export function loadSet() {
  return readdirSync(path.join(SET, 'expected'))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => {
      const e = JSON.parse(readFileSync(path.join(SET, 'expected', n), 'utf8'));
      return { ...e, id: n.replace(/\.json$/, ''), dir: path.join(SET, 'repos', n.replace(/\.json$/, '')) };
    });
}

function tally(rows, level) {
  const per = new Map();
  const bump = (rule, k) => {
    const r = per.get(rule) ?? { reported: 0, right: 0, truth: 0 };
    r[k]++;
    per.set(rule, r);
  };
  // Multisets: two findings on one line (two mounts, two variables) are two, and each needs its own entry.
  const counts = (list) => list.reduce((m, f) => m.set(key(f, level), (m.get(key(f, level)) ?? 0) + 1), new Map());
  for (const { actual, truth } of rows) {
    const t = counts(truth);
    for (const f of actual) {
      bump(f.rule, 'reported');
      const left = t.get(key(f, level)) ?? 0;
      if (left > 0) {
        bump(f.rule, 'right');
        t.set(key(f, level), left - 1);
      }
    }
    for (const f of truth) bump(f.rule, 'truth');
  }
  return per;
}

/** SOURCES.md: provenance of every file, generated from the expectation files (the test checks it is current). */
export function sourcesText(set = loadSet()) {
  const lines = [
    '# Sources of the real-world regression set',
    '',
    'Every file under `repos/<owner>__<name>/` is a byte-exact copy of the file at that path in the public repository,',
    'at the commit given, except where "modified" says otherwise (a live-looking secret replaced by a same-shape fake).',
    'Generated from `expected/*.json` by `node scripts/real-world.mjs --sources`; do not edit by hand.',
    '',
    `${set.length} repositories, ${set.reduce((n, r) => n + r.files.length, 0)} files.`,
    '',
    '| repository | commit | licence | kind | files | modified |',
    '|---|---|---|---|---|---|',
  ];
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const r of set) {
    const mod = (r.modified ?? []).map((m) => `${m.file}: ${m.what}`).join('; ');
    lines.push(`| [${r.repo}](https://github.com/${r.repo}) | \`${r.commit}\` | ${cell(r.licence)} | ${r.kind} | ${r.files.map((f) => `\`${cell(f)}\``).join('<br>')} | ${cell(mod)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  if (args.includes('--sources')) {
    writeFileSync(path.join(SET, 'SOURCES.md'), sourcesText());
    return;
  }
  const set = loadSet();
  const rows = [];
  const diffs = [];
  for (const repo of set) {
    const actual = lintRepo(repo.dir).filter(inScope);
    const truth = repo.findings.filter((f) => (f.verdict === 'tp' || f.verdict === 'fn') && inScope(f));
    const reviewed = new Map(repo.findings.map((f) => [key(f), f.verdict]));
    const got = new Set(actual.map((f) => key(f)));
    for (const f of actual) {
      const v = reviewed.get(key(f));
      if (v === undefined) diffs.push(`${repo.id} ${key(f)}: reported, not reviewed`);
      else if (v === 'fn') diffs.push(`${repo.id} ${key(f)}: a known miss is now found (mark it tp)`);
    }
    for (const f of repo.findings) if ((f.verdict === 'tp' || f.verdict === 'fp') && !got.has(key(f))) diffs.push(`${repo.id} ${key(f)}: reviewed as ${f.verdict}, no longer reported${f.verdict === 'fp' ? ' (fixed: remove the entry)' : ''}`);
    rows.push({ actual, truth });
  }
  if (args.includes('--by-kind')) {
    console.log('kind | files | repositories | true | reported | right | precision | recall');
    const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
    for (const [kind] of KINDS) {
      const of = (f) => kindOf(f.file) === kind;
      const repos = set.filter((r) => r.files.some((file) => of({ file })));
      const files = set.reduce((n, r) => n + r.files.filter((file) => of({ file })).length, 0);
      const t = [...tally(rows.map((r) => ({ actual: r.actual.filter(of), truth: r.truth.filter(of) })), true).values()].reduce((a, r) => ({ reported: a.reported + r.reported, right: a.right + r.right, truth: a.truth + r.truth }), { reported: 0, right: 0, truth: 0 });
      console.log(`${kind} | ${files} | ${repos.length} | ${t.truth} | ${t.reported} | ${t.right} | ${pct(t.right, t.reported)} | ${pct(t.right, t.truth)}`);
    }
    return;
  }
  const strict = tally(rows, true);
  const loose = tally(rows, false);
  const sum = (m) => [...m.values()].reduce((a, r) => ({ reported: a.reported + r.reported, right: a.right + r.right, truth: a.truth + r.truth }), { reported: 0, right: 0, truth: 0 });
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  const files = set.reduce((n, r) => n + r.files.filter((file) => inScope({ file })).length, 0);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ repos: set.length, files, strict: Object.fromEntries(strict), total: sum(strict), loose: sum(loose), differences: diffs.length }, null, 2));
  } else {
    const t = sum(strict);
    const l = sum(loose);
    console.log(`${set.length} repositories, ${files} files, ${t.truth} true findings (${path.relative(root, cli) || cli})`);
    console.log(`strict: precision ${pct(t.right, t.reported)} (${t.right}/${t.reported}), recall ${pct(t.right, t.truth)} (${t.right}/${t.truth})`);
    console.log(`ignoring level: precision ${pct(l.right, l.reported)}, recall ${pct(l.right, l.truth)}`);
    console.log('\nrule | reported | right | true | precision | recall');
    for (const [rule, r] of [...strict].sort()) console.log(`${rule} | ${r.reported} | ${r.right} | ${r.truth} | ${pct(r.right, r.reported)} | ${pct(r.right, r.truth)}`);
    console.log(`\n${diffs.length} differences from the review${args.includes('--diff') ? ':' : ' (--diff lists them)'}`);
    if (args.includes('--diff')) for (const d of diffs) console.log(`  ${d}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
