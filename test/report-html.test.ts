/**
 * The HTML report (`--format html`): one self-contained page with no script, everything from the scanned files
 * escaped. Checked as a string, and, where Chromium is installed, as the DOM and the picture a real browser
 * makes of it (the browser tests are skipped, visibly, without it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { escapeHtml, formatHtml, markdownToHtml } from '../src/report/html.js';
import { byGrade, findingId, resultPostures, POSTURE_DIMENSIONS } from '../src/posture/posture.js';
import { VERSION } from '../src/meta.js';
import type { LintResult } from '../src/result.js';
import type { Finding } from '../src/types.js';
import { useScratch, type Files } from './helpers/project.js';

const scratch = useScratch('asl-html-');

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

async function example(name: string): Promise<LintResult> {
  const cwd = process.cwd();
  return lint({ paths: [`examples/${name}`], cwd, config: defaultConfig(cwd), inlineSuppressions: true });
}

/** The markup of a dumped DOM without attribute values: an older Chromium writes `<` in them unescaped. */
const tagsOnly = (dom: string) => dom.replace(/="[^"]*"/g, '=""');

/** The id the report gives a finding, worked out here independently: findingId with anything but [A-Za-z0-9_-] as `-`. */
function anchor(f: Finding): string {
  return `f-${findingId(f).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function count(text: string, pattern: RegExp): number {
  return (text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? []).length;
}

const ids = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);

/** A dev container whose comment, name and a script's name try to inject markup, plus a bidi override. */
const HOSTILE: Files = {
  '.devcontainer/devcontainer.json': [
    '{',
    '  "name": "<img src=x onerror=alert(1)>",',
    "  // <script>document.title='PWNED'</script> </textarea><img src=x onerror=alert(2)> \u202eevil",
    '  "privileged": true,',
    '  "image": "node:20",',
    '  "postCreateCommand": "npm install -g @anthropic-ai/claude-code"',
    '}',
  ].join('\n'),
  '.devcontainer/x"\'<b>.sh': '#!/bin/sh\ndocker run --privileged node:20 claude # <script>alert(3)</script>\n',
};

describe('the bundled examples, as a string', () => {
  test.each(['risky-agent', 'hardened-agent'])('%s: self-contained, no script, every finding and environment present, every in-page link resolves', async (name) => {
    const run = await example(name);
    const html = formatHtml(run);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(CSP);
    expect(html).not.toMatch(/<link\b|@import|url\(|<img\b|<iframe\b|<object\b/i);
    // Outside the rules appendix nothing points off the page; inside it, only links (no src) to the docs.
    const [page, appendix = ''] = html.split('<section id="rules">');
    expect(page).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(appendix).not.toMatch(/\bsrc\s*=/i);
    for (const m of appendix.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(?:https?:\/\/|#)/);

    const problems = run.findings.filter((f) => !f.suppressed);
    const n = (s: Finding['severity']) => problems.filter((f) => f.severity === s).length;
    expect(html).toContain(`<h1>agent-sandbox-lint</h1><span class="version">v${escapeHtml(VERSION)}</span>`);
    expect(html).toContain('profile <b>default</b>');
    for (const s of ['error', 'warning', 'note'] as const) expect(html).toContain(`${n(s)} ${s}${n(s) === 1 ? '' : 's'}</span>`);

    const postures = byGrade(resultPostures(run));
    const envs = html.split('<article class="env"').slice(1);
    expect(envs).toHaveLength(postures.length);
    postures.forEach((p, i) => {
      expect(envs[i]).toContain(`<h3>${escapeHtml(p.environment.name)}</h3>`);
      expect(envs[i]).toContain(`<div class="grade g-${p.grade}" title="grade ${p.grade}">`);
      const rows = [...envs[i].matchAll(/<tr class="dim"><th scope="row">([a-z-]+)<\/th><td><span class="state st-(\w+)">/g)].map((m) => [m[1], m[2]]);
      expect(rows).toEqual(p.dimensions.map((d) => [d.dimension, d.state]));
      expect(rows.map(([d]) => d)).toEqual([...POSTURE_DIMENSIONS]);
    });

    expect(count(html, /<article class="finding /)).toBe(problems.length);
    for (const f of problems) expect(html).toContain(`<article class="finding sev-${f.severity}" id="${anchor(f)}">`);
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    for (const m of html.matchAll(/href="#([^"]*)"/g)) expect(all).toContain(m[1]);
    // Each rule's docs once, in the appendix, however many findings it has.
    const used = new Set(run.findings.map((f) => f.ruleId));
    for (const id of used) expect(count(html, new RegExp(`id="rule-${id}"`))).toBe(1);
    expect(count(html, /<details class="rule-doc">/)).toBe(used.size);
  });

  test('risky-agent: both environments grade F with every dimension open, each part of the diagram coloured, fixes and the redacted secret', async () => {
    const run = await example('risky-agent');
    const html = formatHtml(run);
    expect(count(html, /<div class="grade g-F"/)).toBe(2);
    expect(count(html, /<div class="grade g-[ABCD]"/)).toBe(0);
    expect(count(html, /<span class="state st-open">open<\/span>/)).toBe(12);
    expect(count(html, /<span class="state st-(?:weak|closed)">/)).toBe(0);
    // The dev container's flow: dev container → compose service → Dockerfile, the policy files beside it.
    const first = html.split('<article class="env"')[1];
    const roles = [...first.matchAll(/class="part st-(\w+)"[^>]*><span class="role">([^<]+)<\/span>/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(roles).toEqual(['dev container:open', 'compose service:open', 'Dockerfile:weak', 'agent policy:open', 'agent policy:open']);
    expect(html).not.toContain('id="suppressed"');
    // Fixes: every finding with one says so; an unsafe one is a suggestion, with its caution.
    const fixes = run.findings.filter((f) => f.fix);
    expect(fixes.length).toBeGreaterThan(0);
    expect(count(html, /<p class="fix">/)).toBe(fixes.length);
    for (const f of fixes.filter((x) => !x.fix!.safe && x.fix!.caution)) expect(html).toContain(`(suggestion only: ${escapeHtml(f.fix!.caution!)})`);
    // The compose file's API key: its first 4 characters, then stars; never the key itself.
    const secret = run.findings.find((f) => f.redact)!;
    const line = run.sources.get(secret.file)!.split('\n')[secret.line - 1];
    const value = line.slice(secret.column - 1, secret.endColumn - 1);
    expect(value.length).toBeGreaterThan(8);
    expect(html).not.toContain(value);
    expect(html).toContain(`<mark>${escapeHtml(value.slice(0, 4))}${'*'.repeat(value.length - 4)}</mark>`);
  });

  test('hardened-agent: grade A, its note, and the suppressed finding listed with its reason', async () => {
    const run = await example('hardened-agent');
    const html = formatHtml(run);
    expect(count(html, /<div class="grade g-A"/)).toBe(1);
    expect(count(html, /<div class="grade g-[BCDF]"/)).toBe(0);
    expect(count(html, /<span class="state st-closed">closed<\/span>/)).toBe(6);
    expect(count(html, /<article class="finding /)).toBe(1);
    expect(html).toContain('<article class="finding sev-note" id="f-host-secret-passthrough-examples-hardened-agent--devcontainer-devcontainer-json-22-21">');
    const suppressed = html.split('<section id="suppressed">')[1]?.split('</section>')[0] ?? '';
    const [s] = run.findings.filter((f) => f.suppressed);
    expect(count(suppressed, /<tr id="s-/)).toBe(1);
    expect(suppressed).toContain(`<code>${s.ruleId}</code>`);
    expect(suppressed).toContain(`<td>inline</td><td>${escapeHtml(s.suppressed!.reason)}</td>`);
  });
});

describe('markdownToHtml: the subset rule docs use, escaped first', () => {
  test('headings, paragraphs, fenced code, lists, tables, inline code, bold and http(s) links', () => {
    const md = [
      'A **bold** `<code>` word and [the docs](https://example.com/a?b=1&c=2).',
      'Same paragraph.',
      '',
      '## How to fix',
      '- one `x`',
      '- two',
      '',
      '```sh',
      'echo "<b>" && rm -rf /',
      '```',
      '| a | b |',
      '|---|---|',
      '| `1` | 2 |',
    ].join('\n');
    expect(markdownToHtml(md)).toBe(
      [
        '<p>A <strong>bold</strong> <code>&lt;code&gt;</code> word and <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">the docs</a>. Same paragraph.</p>',
        '<h4>How to fix</h4>',
        '<ul><li>one <code>x</code></li><li>two</li></ul>',
        '<pre class="code"><code>echo &quot;&lt;b&gt;&quot; &amp;&amp; rm -rf /</code></pre>',
        '<table class="md"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><code>1</code></td><td>2</td></tr></tbody></table>',
      ].join('\n'),
    );
  });

  test('a link that is not http(s) stays text; markup in docs is text', () => {
    expect(markdownToHtml('[x](javascript:alert(1)) [y](data:text/html,hi) <script>alert(1)</script>')).toBe(
      '<p>[x](javascript:alert(1)) [y](data:text/html,hi) &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(markdownToHtml('[x](https://a.example/"onmouseover="alert(1))')).not.toMatch(/href="[^"]*"onmouseover/);
  });
});

describe('escaping what the scanned files hold', () => {
  test('a comment with <script> and <img onerror>, a hostile name and file name, and a bidi override: all shown as text', async () => {
    const run = await scratch.lint(HOSTILE);
    const html = formatHtml(run);
    // The privileged finding's frame shows the comment line above it.
    expect(run.findings.some((f) => f.ruleId === 'privileged-container' && f.file === '.devcontainer/devcontainer.json' && f.line === 4)).toBe(true);
    expect(html).toContain('&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; &lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('devcontainer &quot;&lt;img src=x onerror=alert(1)&gt;&quot; (.devcontainer/devcontainer.json)');
    expect(html).toContain('x&quot;&#39;&lt;b&gt;.sh');
    expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|<\/textarea|x"'<b>/i);
    expect(html).not.toContain('\u202e');
    expect(html).toContain('\ufffdevil');
    expect(html).toContain('<title>agent-sandbox-lint report</title>');
  });

  test('escapeHtml: the five markup characters, control characters and bidi overrides', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>\u001b[31m\u2066`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;\ufffd[31m\ufffd');
  });
});

/** A Chromium (or Chrome) binary: `ASL_CHROMIUM` (`none` skips), the Debian package's path, then PATH. */
function findChromium(): string | undefined {
  const forced = process.env.ASL_CHROMIUM;
  if (forced) return forced === 'none' ? undefined : forced;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of ['/usr/bin/chromium', ...names.flatMap((n) => dirs.map((d) => path.join(d, n)))]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const browser = findChromium();
const BROWSER_TIMEOUT = 60_000;

(browser ? describe : describe.skip)('in headless Chromium (needs the chromium package)', () => {
  let dir = '';
  let profile = 0;
  const reports: Record<string, { file: string; run: LintResult }> = {};

  const chromium = (args: string[]) =>
    execFileSync(browser!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${path.join(dir, `profile-${profile++}`)}`, ...args], {
      encoding: 'utf8',
      timeout: BROWSER_TIMEOUT,
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const dumpDom = (name: string) => chromium(['--dump-dom', pathToFileURL(reports[name].file).href]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'asl-html-browser-'));
    const runs: [string, LintResult][] = [
      ['risky', await example('risky-agent')],
      ['hardened', await example('hardened-agent')],
      ['hostile', await scratch.lint(HOSTILE)],
    ];
    for (const [name, run] of runs) {
      const file = path.join(dir, `${name}.html`);
      writeFileSync(file, formatHtml(run));
      reports[name] = { file, run };
    }
  }, BROWSER_TIMEOUT);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test(
    'the risky report’s DOM: both environments with their grade and six dimension rows, every finding by its id, no script',
    () => {
      const dom = dumpDom('risky');
      const { run } = reports.risky;
      expect(count(dom, /<article class="env" id="env-/)).toBe(2);
      expect(count(dom, /<div class="grade g-F" title="grade F">/)).toBe(2);
      expect(count(dom, /<tr class="dim">/)).toBe(12);
      for (const f of run.findings.filter((x) => !x.suppressed)) expect(dom).toContain(`id="${anchor(f)}"`);
      expect(tagsOnly(dom)).not.toMatch(/<script/i);
      expect(dom).toContain('<title>agent-sandbox-lint report</title>');
    },
    BROWSER_TIMEOUT,
  );

  test(
    'the hostile report’s DOM: the injected tags are text, no script or img element exists, and the title is unchanged',
    () => {
      const dom = dumpDom('hostile');
      expect(dom).toContain('&lt;script&gt;document.title=\'PWNED\'&lt;/script&gt; &lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(dom).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(tagsOnly(dom)).not.toMatch(/<script|<img/i);
      expect(dom).toContain('<title>agent-sandbox-lint report</title>');
      expect(dom).not.toContain('<title>PWNED');
      expect(count(dom, /<article class="env" id="env-/)).toBe(resultPostures(reports.hostile.run).length);
    },
    BROWSER_TIMEOUT,
  );

  test.each(['risky', 'hardened'])(
    'a screenshot of the %s report is a real picture (PNG, over 10 KB)',
    (name) => {
      const png = path.join(dir, `${name}.png`);
      chromium(['--screenshot=' + png, '--window-size=1280,1800', '--hide-scrollbars', pathToFileURL(reports[name].file).href]);
      expect(existsSync(png)).toBe(true);
      expect(statSync(png).size).toBeGreaterThan(10 * 1024);
      expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    },
    BROWSER_TIMEOUT,
  );
});
