/**
 * The Markdown report (`--format markdown`, the Action's step summary): the summary line, one posture table per
 * environment, findings by file with links to their lines, folding, suppressed findings, escaping of everything a
 * scanned file controls, and the size cap that keeps it inside a PR comment.
 */
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { BUDGET, formatMarkdown } from '../src/report/markdown.js';
import { resultPostures } from '../src/posture/posture.js';
import { RULES } from '../src/rule-registry.generated.js';
import type { LintResult } from '../src/result.js';
import type { Finding } from '../src/types.js';
import type { Environment } from '../src/posture/environments.js';
import { useScratch } from './helpers/project.js';

const scratch = useScratch('asl-markdown-');
const BASE = 'https://github.com/o/r/blob/0123abc/';

async function example(name: string) {
  const cwd = process.cwd();
  return lint({ paths: [`examples/${name}`], cwd, config: defaultConfig(cwd), inlineSuppressions: true });
}

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: 'privileged-container', severity: 'error', message: 'runs privileged', file: 'compose.yaml', line: 3, column: 5, endLine: 3, endColumn: 20, ...over };
}

/** A result made by hand: the findings given, their files, every rule. */
function resultOf(findings: Finding[], extra: Partial<LintResult> = {}): LintResult {
  const files = [...new Set(findings.map((f) => f.file))].sort().map((file) => ({ file, kind: 'compose' as const }));
  return { findings, files, rules: [...RULES].sort((a, b) => (a.id < b.id ? -1 : 1)), sources: new Map(), ...extra };
}

/** The lines of the report that are rows of a table (not its header or separator). */
const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Dimension') && !l.startsWith('| ---'));

describe('the risky example', () => {
  let md: string;
  let linked: string;
  let run: LintResult;
  beforeAll(async () => {
    run = await example('risky-agent');
    md = formatMarkdown(run);
    linked = formatMarkdown(run, { linkBase: BASE });
  });

  test('heading and one summary line with the counts, files and profile', () => {
    const problems = run.findings.filter((f) => !f.suppressed);
    const n = (s: string) => problems.filter((f) => f.severity === s).length;
    const lines = md.split('\n');
    expect(lines[0]).toBe('## agent-sandbox-lint');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(`**${problems.length} problems** (${n('error')} errors, ${n('warning')} warnings, ${n('note')} notes) in ${run.files.length} files (profile \`default\`).`);
  });

  test('one table per environment, worst grade first, a row per dimension with its state, count and top finding', () => {
    expect(md.split('\n').filter((l) => l.startsWith('### Grade '))).toEqual([
      '### Grade F · devcontainer "claude-yolo" (examples/risky-agent/.devcontainer/devcontainer.json)',
      '### Grade F · docker run (examples/risky-agent/run-agent.sh)',
    ]);
    expect(md).toContain('### Grade F · devcontainer "claude-yolo" (examples/risky-agent/.devcontainer/devcontainer.json)\n\n| Dimension | State | Findings | Top finding |\n| --- | --- | --- | --- |\n| privilege | 🔴 open |');
    const [dev] = resultPostures(run).filter((p) => p.environment.name.startsWith('devcontainer'));
    for (const d of dev.dimensions) {
      const top = d.findings[0];
      expect(md).toContain(`\n| ${d.dimension} | 🔴 open | ${d.findings.length} | \`${top.ruleId}\` [${top.file}:${top.line}](${top.file}#L${top.line}) |\n`);
    }
    // Two tables of six rows, and every row has exactly its five cell borders.
    const rows = tableRows(md);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  test('findings link to their line: relative without a link base, to the blob with one', () => {
    const f = run.findings.find((x) => x.ruleId === 'privileged-container')!;
    expect(md).toContain(`[${f.file}:${f.line}](${f.file}#L${f.line})`);
    expect(linked).toContain(`[${f.file}:${f.line}](${BASE}${f.file}#L${f.line})`);
    // The table's top findings use the same links.
    expect(linked).toMatch(/^\| privilege \| 🔴 open \| \d+ \| `[a-z-]+` \[examples\/risky-agent\/[^\]]+:\d+\]\(https:\/\/github\.com\/o\/r\/blob\/0123abc\/examples\/risky-agent\/\S+#L\d+\) \|$/m);
    expect(linked).not.toMatch(/\]\(examples\//);
  });

  test('more than 10 findings: each file’s list is folded in a <details> with its count', () => {
    const problems = run.findings.filter((f) => !f.suppressed);
    expect(problems.length).toBeGreaterThan(10);
    const files = [...new Set(problems.map((f) => f.file))];
    const summaries = md.split('\n').filter((l) => l.startsWith('<details><summary>examples/'));
    expect(summaries).toEqual(files.map((file) => `<details><summary>${file} (${problems.filter((f) => f.file === file).length})</summary>`));
    expect(md).not.toContain('#### ');
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    // Every finding is listed once, under its severity and rule.
    expect(md.split('\n').filter((l) => /^- \*\*(error|warning|note)\*\* \[`/.test(l))).toHaveLength(problems.length);
  });

  test('a fix is named, and one that is not safe is marked a suggestion', () => {
    const f = run.findings.find((x) => x.fix && !x.fix.safe)!;
    expect(f).toBeDefined();
    const line = md.split('\n').find((l) => l.includes(`[${f.file}:${f.line}](`) && l.includes(` · fix: `) && l.includes(`\`${f.ruleId}\``))!;
    expect(line).toMatch(/ · fix: .+ \(suggestion(: .+)?\)$/);
  });
});

describe('the hardened example', () => {
  test('grade A with every dimension closed; its one note in a file heading; its suppression folded with the reason', async () => {
    const md = formatMarkdown(await example('hardened-agent'));
    const file = 'examples/hardened-agent/.devcontainer/devcontainer.json';
    expect(md).toContain(
      [
        '### Grade A · devcontainer "claude-hardened" (examples/hardened-agent/.devcontainer/devcontainer.json)',
        '',
        '| Dimension | State | Findings | Top finding |',
        '| --- | --- | --- | --- |',
        '| privilege | 🟢 closed | 0 | – |',
        '| filesystem | 🟢 closed | 0 | – |',
        `| credentials | 🟢 closed | 1 | \`host-secret-passthrough\` [${file}:22](${file}#L22) |`,
        '| network | 🟢 closed | 0 | – |',
        '| agent-policy | 🟢 closed | 0 | – |',
        '| supply-chain | 🟢 closed | 0 | – |',
        '',
      ].join('\n'),
    );
    expect(md).toContain(`**1 problem** (0 errors, 0 warnings, 1 note) in 3 files (profile \`default\`).`);
    expect(md).toContain(`\n### Findings\n\n#### ${file}\n\n- **note** [\`host-secret-passthrough\`](https://github.com/agent-sandbox-lint/agent-sandbox-lint/blob/main/docs/rules/host-secret-passthrough.md) `);
    expect(md).not.toContain(`<summary>${file}`);
    expect(md).toMatch(/\n<details><summary>1 suppressed finding<\/summary>\n\n- `dangerous-capability` \[examples\/hardened-agent\/\.devcontainer\/devcontainer\.json:\d+\]\(examples\/hardened-agent\/\.devcontainer\/devcontainer\.json#L\d+\) — inline: .*NET\\_ADMIN.*\n\n<\/details>\n$/);
  });
});

describe('hand-made results', () => {
  test('10 findings are listed under file headings, 11 are folded', () => {
    const ten = Array.from({ length: 10 }, (_, i) => finding({ line: i + 1, endLine: i + 1 }));
    const flat = formatMarkdown(resultOf(ten));
    expect(flat).toContain('\n#### compose.yaml\n\n- **error** ');
    expect(flat).not.toContain('<details>');
    const folded = formatMarkdown(resultOf([...ten, finding({ line: 11, endLine: 11 })]));
    expect(folded).toContain('\n<details><summary>compose.yaml (11)</summary>\n\n- **error** ');
    expect(folded).toContain('compose.yaml#L11)\n\n</details>\n');
    expect(folded).not.toContain('#### ');
  });

  test('a multi-line finding links its range; a path is URL-encoded in the link and escaped in the text', () => {
    const md = formatMarkdown(resultOf([finding({ file: 'my dir/a_b#(1).yaml', line: 4, endLine: 9 })]), { linkBase: BASE });
    expect(md).toContain(`[my dir/a\\_b\\#(1).yaml:4](${BASE}my%20dir/a_b%23%281%29.yaml#L4-L9)`);
    expect(md).toContain('\n#### my dir/a\\_b\\#(1).yaml\n');
  });

  test('fixes: "fix:" with the description; "(suggestion)" and its caution when not safe', () => {
    const md = formatMarkdown(
      resultOf([
        finding({ line: 1, endLine: 1, fix: { description: 'add cap_drop: [ALL]', file: 'compose.yaml', edits: [], safe: true } }),
        finding({ line: 2, endLine: 2, fix: { description: 'remove privileged', file: 'compose.yaml', edits: [], safe: false } }),
        finding({ line: 3, fix: { description: 'drop NET_RAW', file: 'compose.yaml', edits: [], safe: false, caution: 'ping stops working' } }),
      ]),
    );
    expect(md).toContain('compose.yaml#L1) · fix: add cap\\_drop: \\[ALL\\]\n');
    expect(md).toContain('compose.yaml#L2) · fix: remove privileged (suggestion)\n');
    expect(md).toContain('compose.yaml#L3) · fix: drop NET\\_RAW (suggestion: ping stops working)\n');
  });

  test('no findings: a line saying so, and the posture tables of the environments', () => {
    const env: Environment = { id: 'container:compose.yaml:2', kind: 'container', name: 'compose service "agent" (compose.yaml)', why: 'its command runs claude', parts: [{ role: 'compose', file: 'compose.yaml', label: 'agent' }] };
    const md = formatMarkdown(resultOf([], { files: [{ file: 'compose.yaml', kind: 'compose' }], environments: [env] }));
    expect(md).toBe(
      [
        '## agent-sandbox-lint',
        '',
        'No problems found in 1 file (profile `default`).',
        '',
        '### Grade A · compose service "agent" (compose.yaml)',
        '',
        '| Dimension | State | Findings | Top finding |',
        '| --- | --- | --- | --- |',
        ...['privilege', 'filesystem', 'credentials', 'network', 'agent-policy', 'supply-chain'].map((d) => `| ${d} | 🟢 closed | 0 | – |`),
        '',
      ].join('\n'),
    );
    expect(formatMarkdown(resultOf([]))).toBe('## agent-sandbox-lint\n\nNo problems found in 0 files (profile `default`).\n');
  });

  test('a baseline adds its line', () => {
    const md = formatMarkdown(resultOf([finding()], { baseline: { file: 'ci/known_findings.json', hidden: 3, stale: [] } }));
    expect(md).toContain('\n\nBaseline ci/known\\_findings.json: 3 known findings hidden.\n');
  });

  test('text from a file cannot add HTML, markup, formulas, mentions or issue links; controls and newlines are replaced', () => {
    const message = 'a <script>alert(1)</script> | *b* _c_ [d](e) `f` # g ~h~ $x$ \\ @someone @org/team #12 a@b.c\nnext\u202eline\u0007';
    const md = formatMarkdown(resultOf([finding({ message })]));
    expect(md).toContain(
      '- **error** [`privileged-container`](https://github.com/agent-sandbox-lint/agent-sandbox-lint/blob/main/docs/rules/privileged-container.md) ' +
        'a &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*b\\* \\_c\\_ \\[d\\](e) \\`f\\` \\# g \\~h\\~ \\$x\\$ \\\\ @&#8203;someone @&#8203;org/team \\#&#8203;12 a@b.c next\ufffdline\ufffd [compose.yaml:3](compose.yaml#L3)\n',
    );
    const reason = formatMarkdown(resultOf([finding({ suppressed: { kind: 'inline', reason: '<img src=x onerror=alert(1)> ok' } })]));
    expect(reason).toContain(' — inline: &lt;img src=x onerror=alert(1)&gt; ok\n');
  });

  test('escaping, end to end: a folder name and a devcontainer name with <script>, | and *', async () => {
    const run = await scratch.lint({
      'x|*<script>/.devcontainer/devcontainer.json': JSON.stringify({ name: '<script>alert(1)</script> | **bold**', image: 'node:20', runArgs: ['--privileged'] }),
    });
    expect(run.findings.some((f) => f.file.includes('<script>') && f.message.includes('<script>'))).toBe(true);
    const md = formatMarkdown(run, { linkBase: BASE });
    expect(md).not.toMatch(/<script|<\/script/i);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\*');
    expect(md).toContain('### Grade F · devcontainer "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*\\*bold\\*\\*" (x\\|\\*&lt;script&gt;/.devcontainer/devcontainer.json)');
    expect(md).toContain(`](${BASE}x%7C*%3Cscript%3E/.devcontainer/devcontainer.json#L`);
    // The only HTML is the report's own.
    expect([...md.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]).filter((t) => t !== 'details' && t !== 'summary')).toEqual([]);
    const rows = tableRows(md);
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  test('2,000 findings: cut below a PR comment’s 65,536 characters, saying how many were left out', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      finding({ file: `services/s${String(Math.floor(i / 40)).padStart(2, '0')}/compose.yaml`, line: (i % 40) + 1, endLine: (i % 40) + 1, message: `service "s${i}" runs privileged: every capability and every host device is open to the agent` }),
    );
    const suppressed = finding({ file: 'z.yaml', suppressed: { kind: 'config', reason: 'known' } });
    const md = formatMarkdown(resultOf([...many, suppressed]), { linkBase: BASE });
    expect(md.length).toBeLessThan(65_536);
    expect(md.length).toBeGreaterThan(BUDGET - 1_000);
    const shown = md.split('\n').filter((l) => l.startsWith('- **error** ')).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(2000);
    expect(md.endsWith(`\n**Report cut to fit GitHub's size limit:** ${(2000 - shown).toLocaleString('en-US')} findings, 1 suppressed finding left out. \`--format json\` and \`--format sarif\` hold all of them.\n`)).toBe(true);
    expect(md).toContain('**2,000 problems** (2,000 errors, 0 warnings, 0 notes) in 51 files');
    // A folded file cut in the middle is still closed.
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    // Below the budget, nothing is cut.
    expect(formatMarkdown(resultOf(many.slice(0, 100)))).not.toContain('Report cut');
  });

  test('one huge message is shortened, not allowed to take the whole report', () => {
    const md = formatMarkdown(resultOf([finding({ message: 'x'.repeat(100_000) }), finding({ line: 9, endLine: 9 })]));
    expect(md).toContain(`${'x'.repeat(1000)}… [compose.yaml:3]`);
    expect(md).toContain('[compose.yaml:9](compose.yaml#L9)');
    expect(md).not.toContain('Report cut');
  });
});
