/**
 * Self-contained HTML report: the posture of each agent environment (grade, a diagram of its parts, the
 * dimension table), the findings by file with code frames, the suppressed ones, and each rule's docs once.
 *
 * Everything taken from the scanned files is untrusted. It all goes through escapeHtml; the page has no script
 * and its Content-Security-Policy allows none, so a tag that slipped through escaping still could not run. No
 * external resource is loaded either: the file works offline and tells no server it was opened.
 */
import type { Finding, Severity } from '../types.js';
import type { RuleMeta } from '../rule.js';
import type { LintResult } from '../result.js';
import type { EnvironmentPart, PartRole } from '../posture/environments.js';
import { byGrade, findingId, resultPostures, type DimensionState, type EnvironmentPosture } from '../posture/posture.js';
import { baselineLine } from '../baseline.js';
import { TOOL_NAME, VERSION, ruleDocUrl } from '../meta.js';
import { clean } from './text.js';
import { frameWindow, groupByFile, plural, redactLines, type FrameWindow } from './shared.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Longest slice of a source line shown in a frame: a minified file would otherwise make the page huge. */
const MAX_FRAME_WIDTH = 200;
/** Lines of a multi-line region shown before the frame is cut (a compose service can span a screen). */
const MAX_MARKED_LINES = 6;
/** Lines shown above and below the reported ones. */
const CONTEXT_LINES = 2;

/** The one escape for text that reaches the page: control characters and bidi overrides first (as in the text report), then markup. */
export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function formatHtml(result: LintResult): string {
  const problems = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const ids = new Anchors();
  const findingIds = new Map<Finding, string>();
  // Unsuppressed first, so their ids do not depend on which findings happen to be suppressed.
  for (const f of problems) findingIds.set(f, ids.make('f-', findingId(f)));
  for (const f of suppressed) findingIds.set(f, ids.make('s-', findingId(f)));
  const byFile = groupByFile(problems);
  const fileIds = new Map([...byFile.keys()].map((file) => [file, ids.make('file-', file)]));
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const used = [...new Set(result.findings.map((f) => f.ruleId))].filter((id) => rules.has(id)).sort();
  const ruleIds = new Map(used.map((id) => [id, ids.make('rule-', id)]));
  const ctx: Ctx = { findingIds, fileIds, ruleIds, rules };

  const postures = byGrade(resultPostures(result));
  const kinds = new Map(result.files.map((f) => [f.file, f.kind]));
  const body = [
    header(result, problems, suppressed, postures.length),
    environmentsSection(postures, ctx, ids),
    findingsSection(byFile, result, kinds, ctx),
    suppressedSection(suppressed, ctx),
    skippedSection(result),
    rulesSection(used, ctx),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${TOOL_NAME} ${escapeHtml(VERSION)}">
<title>${TOOL_NAME} report</title>
<style>${STYLE}</style>
</head>
<body>
${body.filter((s) => s !== '').join('\n')}
<footer>${TOOL_NAME} ${escapeHtml(VERSION)} · profile ${escapeHtml(result.profile?.name ?? 'default')}</footer>
</body>
</html>
`;
}

interface Ctx {
  findingIds: Map<Finding, string>;
  fileIds: Map<string, string>;
  ruleIds: Map<string, string>;
  rules: Map<string, RuleMeta>;
}

/** Element ids from untrusted text: only [A-Za-z0-9_-], and unique (two paths can sanitise alike). */
class Anchors {
  private used = new Set<string>();
  /** The next suffix to try per base, so many look-alikes stay linear. */
  private next = new Map<string, number>();

  make(prefix: string, raw: string): string {
    const base = prefix + raw.replace(/[^A-Za-z0-9_-]/g, '-');
    let id = base;
    let n = this.next.get(base) ?? 2;
    while (this.used.has(id)) id = `${base}-${n++}`;
    this.next.set(base, n);
    this.used.add(id);
    return id;
  }
}



function countBy(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

// ---- header ---------------------------------------------------------------------------------------------

function header(result: LintResult, problems: Finding[], suppressed: Finding[], environments: number): string {
  const n = countBy(problems);
  const files = new Set([...result.files.map((f) => f.file), ...result.findings.map((f) => f.file)]).size;
  const chip = (cls: string, text: string) => `<span class="chip ${cls}">${text}</span>`;
  const chips = [
    chip(n.error ? 'c-error' : 'c-zero', plural(n.error, 'error')),
    chip(n.warning ? 'c-warning' : 'c-zero', plural(n.warning, 'warning')),
    chip(n.note ? 'c-note' : 'c-zero', plural(n.note, 'note')),
    chip('c-plain', plural(files, 'file')),
    chip('c-plain', plural(environments, 'environment')),
    ...(suppressed.length ? [chip('c-plain', `${suppressed.length} suppressed`)] : []),
  ];
  const baseline = result.baseline ? `<p class="sub">${escapeHtml(baselineLine(result.baseline))}</p>` : '';
  const nav = [
    ['#environments', 'Environments'],
    ['#findings', 'Findings'],
    ...(suppressed.length ? [['#suppressed', 'Suppressed']] : []),
    ...(result.skipped?.length ? [['#skipped', 'Skipped']] : []),
    ['#rules', 'Rules'],
  ];
  return `<header class="top">
<div class="brand"><h1>${TOOL_NAME}</h1><span class="version">v${escapeHtml(VERSION)}</span><span class="profile">profile <b>${escapeHtml(result.profile?.name ?? 'default')}</b></span></div>
<div class="chips">${chips.join('')}</div>
${baseline}<nav>${nav.map(([href, text]) => `<a href="${href}">${text}</a>`).join('')}</nav>
</header>`;
}

// ---- environments ---------------------------------------------------------------------------------------

const ROLE_NAMES: Record<PartRole, string> = {
  devcontainer: 'dev container',
  compose: 'compose service',
  'docker-run': 'docker run',
  dockerfile: 'Dockerfile',
  script: 'script',
  policy: 'agent policy',
  workflow: 'workflow',
};

/** The left-to-right order of the diagram: how a launch is put together, outermost first. */
const FLOW: PartRole[] = ['devcontainer', 'compose', 'docker-run', 'dockerfile', 'script', 'workflow'];

function environmentsSection(postures: EnvironmentPosture[], ctx: Ctx, ids: Anchors): string {
  const intro = `<p class="sub">Graded A (every dimension closed) to F (the agent can reach the host, or three or more dimensions open); how: README, “Posture”.</p>`;
  if (postures.length === 0) return `<section id="environments"><h2>Environments</h2><p class="empty">No agent environment found: no dev container, compose service, <code>docker run</code> line, agent policy file or agent workflow that runs an agent.</p></section>`;
  return `<section id="environments"><h2>Environments <small>${postures.length}</small></h2>${intro}\n${postures.map((p) => environment(p, ctx, ids.make('env-', p.environment.id))).join('\n')}</section>`;
}

function environment(p: EnvironmentPosture, ctx: Ctx, id: string): string {
  const e = p.environment;
  const n = countBy(p.findings);
  const tally = p.findings.length ? `${plural(p.findings.length, 'finding')}: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')}` : 'no findings';
  return `<article class="env" id="${id}">
<div class="env-head"><div class="grade g-${p.grade}" title="grade ${p.grade}"><span>grade</span>${p.grade}</div>
<div class="env-title"><h3>${escapeHtml(e.name)}</h3><p><span class="kind">${escapeHtml(e.kind)}</span> ${escapeHtml(e.why)}</p><p class="tally">${tally}</p></div></div>
${diagram(p, ctx)}
${dimensionTable(p, ctx)}
</article>`;
}

/** A part's findings: those of the environment in its file and, for a service or a `docker run` line, its lines. */
function partFindings(part: EnvironmentPart, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.file === part.file && (!part.lines || (f.line >= part.lines.from && f.line <= part.lines.to)));
}

function partState(findings: Finding[]): DimensionState {
  if (findings.some((f) => f.severity === 'error')) return 'open';
  if (findings.some((f) => f.severity === 'warning')) return 'weak';
  return 'closed';
}

function diagram(p: EnvironmentPosture, ctx: Ctx): string {
  const byFile = groupByFile(p.findings);
  const box = (part: EnvironmentPart) => partBox(part, partFindings(part, byFile.get(part.file) ?? []), ctx);
  const columns: string[] = [];
  if (p.environment.kind === 'host') columns.push(`<div class="col"><div class="part st-none"><span class="role">host</span><span class="name">no container</span><span class="where">the agent runs with your rights</span></div></div>`);
  for (const role of FLOW) {
    const parts = p.environment.parts.filter((part) => part.role === role);
    if (parts.length === 0) continue;
    // Workflows chain (a workflow, then the local actions it uses); scripts sit side by side in one stage.
    if (role === 'workflow') columns.push(...parts.map((part) => `<div class="col">${box(part)}</div>`));
    else columns.push(`<div class="col">${parts.map(box).join('')}</div>`);
  }
  const policy = p.environment.parts.filter((part) => part.role === 'policy');
  const policyRow =
    p.environment.kind === 'ci'
      ? ''
      : `<div class="policy"><span class="row-label">agent policy</span>${policy.length ? policy.map(box).join('') : '<span class="none">no agent policy file found</span>'}</div>`;
  const legend = `<div class="legend"><span class="st-open">open: an error</span><span class="st-weak">weak: a warning</span><span class="st-closed">closed</span></div>`;
  const flowLabel = { container: 'container', host: 'host', ci: 'CI runner' }[p.environment.kind];
  return `<div class="diagram"><div class="flow"><span class="row-label">${flowLabel}</span>${columns.join('<span class="arrow" aria-hidden="true">→</span>')}</div>${policyRow}${legend}</div>`;
}

function partBox(part: EnvironmentPart, findings: Finding[], ctx: Ctx): string {
  const state = partState(findings);
  const slash = part.file.lastIndexOf('/');
  const dir = slash >= 0 ? part.file.slice(0, slash + 1) : './';
  const lines = part.lines ? `:${part.lines.from}${part.lines.to > part.lines.from ? `-${part.lines.to}` : ''}` : '';
  const file = part.file.slice(slash + 1) + lines;
  // A compose service is named in its label (`compose service "agent" (file:2)`): show the name, then the place.
  const suffix = part.lines ? ` (${part.file}:${part.lines.from})` : '';
  const role = ROLE_NAMES[part.role];
  let name = suffix && part.label.endsWith(suffix) ? part.label.slice(0, -suffix.length) : '';
  if (name.startsWith(role + ' ')) name = name.slice(role.length + 1);
  else if (name === role) name = '';
  const n = countBy(findings);
  const tally = findings.length
    ? (['error', 'warning', 'note'] as const).filter((s) => n[s]).map((s) => `<span class="t-${s}">${plural(n[s], s)}</span>`).join(' ')
    : '<span class="t-none">no findings</span>';
  const head = name ? `<span class="name">${escapeHtml(name)}</span><span class="pfile">${escapeHtml(file)}</span>` : `<span class="name">${escapeHtml(file)}</span>`;
  const inner = `<span class="role">${role}</span>${head}<span class="where">${pathHtml(dir)}</span><span class="tally">${tally}</span>`;
  const href = ctx.fileIds.get(part.file);
  const attrs = `class="part st-${state}" title="${escapeHtml(`${part.label}: ${state}`)}"`;
  return href ? `<a ${attrs} href="#${href}">${inner}</a>` : `<div ${attrs}>${inner}</div>`;
}

/** A path that may wrap after its slashes, not in the middle of a name. */
function pathHtml(p: string): string {
  return escapeHtml(p).replace(/\//g, '/<wbr>');
}

function dimensionTable(p: EnvironmentPosture, ctx: Ctx): string {
  const rows = p.dimensions.map((d) => {
    const top = d.findings[0];
    const where = top
      ? `<a href="#${ctx.findingIds.get(top)}"><code>${escapeHtml(top.ruleId)}</code> <span class="loc">${escapeHtml(`${top.file}:${top.line}`)}</span></a>${d.findings.length > 1 ? ` <span class="more">+${d.findings.length - 1}</span>` : ''}`
      : '<span class="none">–</span>';
    return `<tr class="dim"><th scope="row">${d.dimension}</th><td><span class="state st-${d.state}">${d.state}</span></td><td class="num">${d.findings.length}</td><td>${where}</td></tr>`;
  });
  return `<table class="dims"><thead><tr><th>dimension</th><th>state</th><th class="num">findings</th><th>top finding</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// ---- findings -------------------------------------------------------------------------------------------

function findingsSection(byFile: Map<string, Finding[]>, result: LintResult, kinds: Map<string, string>, ctx: Ctx): string {
  const total = [...byFile.values()].reduce((n, list) => n + list.length, 0);
  if (total === 0) return `<section id="findings"><h2>Findings</h2><p class="empty">No problems found.</p></section>`;
  // Every finding of a file, suppressed ones too, masks its secret in every frame of that file.
  const all = groupByFile(result.findings);
  const files = [...byFile].map(([file, findings]) => {
    const source = result.sources.get(file);
    const lines = source === undefined ? undefined : redactLines(source.split(/\r\n|\r|\n/), all.get(file) ?? findings);
    const n = countBy(findings);
    const tally = (['error', 'warning', 'note'] as const).filter((s) => n[s]).map((s) => `<span class="t-${s}">${plural(n[s], s)}</span>`).join(' ');
    const kind = kinds.get(file);
    return `<section class="file" id="${ctx.fileIds.get(file)}"><h3><code>${escapeHtml(file)}</code>${kind ? ` <span class="kind">${escapeHtml(kind)}</span>` : ''} <span class="tally">${tally}</span></h3>
${findings.map((f) => finding(f, lines, ctx)).join('\n')}</section>`;
  });
  return `<section id="findings"><h2>Findings <small>${total} in ${plural(byFile.size, 'file')}</small></h2>\n${files.join('\n')}</section>`;
}

function finding(f: Finding, lines: string[] | undefined, ctx: Ctx): string {
  const meta = ctx.rules.get(f.ruleId);
  const ruleAnchor = ctx.ruleIds.get(f.ruleId);
  const rule = ruleAnchor ? `<a class="rule" href="#${ruleAnchor}">${escapeHtml(f.ruleId)}</a>` : `<span class="rule">${escapeHtml(f.ruleId)}</span>`;
  const title = meta ? ` <span class="title">${escapeHtml(meta.title)}</span>` : '';
  const fix = f.fix
    ? `<p class="fix"><b>Fix</b> ${escapeHtml(f.fix.description)} <span class="how">(${f.fix.safe ? 'applied by <code>--fix</code>' : `suggestion only${f.fix.caution ? `: ${escapeHtml(f.fix.caution)}` : ''}`})</span></p>`
    : '';
  return `<article class="finding sev-${f.severity}" id="${ctx.findingIds.get(f)}">
<div class="f-head"><span class="sev">${f.severity}</span>${rule}${title}<span class="loc">${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</span></div>
<p class="msg">${inline(f.message, false)}</p>
${lines ? codeFrame(lines, f) : ''}${fix}</article>`;
}




/** The reported lines with two lines of context either side; the reported columns in `<mark>`. */
function codeFrame(lines: string[], f: Finding): string {
  if (f.line < 1 || f.line > lines.length) return '';
  const endLine = Math.min(Math.max(f.endLine, f.line), lines.length);
  const lastShown = Math.min(endLine, f.line + MAX_MARKED_LINES - 1);
  const first = Math.max(1, f.line - CONTEXT_LINES);
  const last = Math.min(lines.length, lastShown + CONTEXT_LINES);
  const start = Math.max(0, f.column - 1);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1];
    const hit = n >= f.line && n <= lastShown;
    let text: string;
    if (!hit) text = clipped(line, frameWindow(line.length, start, MAX_FRAME_WIDTH), 0, 0);
    else {
      const from = n === f.line ? start : 0;
      const to = n === endLine && f.endLine >= f.line ? Math.max(f.endColumn - 1, from + 1) : line.length;
      text = clipped(line, frameWindow(line.length, from, MAX_FRAME_WIDTH), from, Math.max(to, from));
    }
    out.push(`<div class="l${hit ? ' hit' : ''}"><span class="ln">${n}</span><code>${text}</code></div>`);
    if (n === lastShown && lastShown < endLine) out.push(`<div class="l cut"><span class="ln"></span><code>… ${endLine - lastShown} more line${endLine - lastShown === 1 ? '' : 's'} of the region</code></div>`);
  }
  return `<div class="frame">${out.join('')}</div>\n`;
}

/** One line cut to its window, `[from, to)` marked; an empty region at the end of a line gets an empty mark, so it still shows. */
function clipped(line: string, win: FrameWindow, from: number, to: number): string {
  const a = Math.min(Math.max(from, win.from), win.to);
  const b = Math.min(Math.max(to, a), win.to);
  const marked = to > from ? (b > a ? `<mark>${escapeHtml(line.slice(a, b))}</mark>` : a === line.length ? '<mark class="eol"> </mark>' : '') : '';
  return (win.from > 0 ? '…' : '') + escapeHtml(line.slice(win.from, a)) + marked + escapeHtml(line.slice(b, win.to)) + (win.to < line.length ? '…' : '');
}

// ---- suppressed, skipped --------------------------------------------------------------------------------

/** Inline suppressions live in files an agent can write, so each one is shown with its reason. */
function suppressedSection(suppressed: Finding[], ctx: Ctx): string {
  if (suppressed.length === 0) return '';
  const rows = suppressed.map((f) => {
    const s = f.suppressed;
    const anchor = ctx.ruleIds.get(f.ruleId);
    const rule = anchor ? `<a href="#${anchor}"><code>${escapeHtml(f.ruleId)}</code></a>` : `<code>${escapeHtml(f.ruleId)}</code>`;
    const reason = s?.reason ? escapeHtml(s.reason) : '<span class="none">(no reason)</span>';
    return `<tr id="${ctx.findingIds.get(f)}"><td><span class="sev-${f.severity} sevtext">${f.severity}</span></td><td>${rule}</td><td class="loc">${escapeHtml(`${f.file}:${f.line}`)}</td><td>${s?.kind ?? ''}</td><td>${reason}</td></tr>`;
  });
  return `<section id="suppressed"><h2>Suppressed <small>${suppressed.length}</small></h2><p class="sub">Not counted in the posture. An inline suppression is written in a file the agent can change: check each reason.</p>
<table class="list"><thead><tr><th>level</th><th>rule</th><th>where</th><th>by</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function skippedSection(result: LintResult): string {
  if (!result.skipped?.length) return '';
  const rows = result.skipped.map((s) => `<tr><td class="loc">${escapeHtml(s.file)}</td><td>${escapeHtml(s.reason)}</td></tr>`);
  return `<section id="skipped"><h2>Skipped <small>${result.skipped.length}</small></h2><table class="list"><thead><tr><th>file</th><th>why not linted</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

// ---- rules ----------------------------------------------------------------------------------------------

/** Each rule's docs once, however many findings link to it. The id sits inside the details, so following a link opens it. */
function rulesSection(used: string[], ctx: Ctx): string {
  if (used.length === 0) return '';
  const items = used.map((id) => {
    const r = ctx.rules.get(id)!;
    const facts = `${r.severity} · ${r.dimension} · precision ${r.precision} · ${r.tags.map(escapeHtml).join(', ')}`;
    return `<details class="rule-doc"><summary><code>${escapeHtml(r.id)}</code> ${escapeHtml(r.title)}</summary><div class="doc" id="${ctx.ruleIds.get(id)}"><p class="facts">${facts}</p>${markdownToHtml(r.docs)}<p class="online"><a href="${escapeHtml(ruleDocUrl(r.id))}" rel="noopener noreferrer">${escapeHtml(r.id)} online</a></p></div></details>`;
  });
  return `<section id="rules"><h2>Rules <small>${used.length}</small></h2>\n${items.join('\n')}</section>`;
}

/**
 * The Markdown subset rule docs use: `#` headings, paragraphs, fenced code, `- ` lists, pipe tables, and inline
 * code, **bold** and [links](https://…). Text is escaped before any markup is added; a link that is not http(s)
 * stays text.
 */
export function markdownToHtml(md: string): string {
  const lines = md.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let para: string[] = [];
  let items: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '), true)}</p>`);
    para = [];
  };
  const flushList = () => {
    if (items.length) out.push(`<ul>${items.map((i) => `<li>${inline(i, true)}</li>`).join('')}</ul>`);
    items = [];
  };
  const flush = () => {
    flushPara();
    flushList();
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      out.push(`<pre class="code"><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      // Docs start at `##`; in the report they sit under a rule's summary, so `##` becomes h4.
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2], true)}</h${level}>`);
    } else if (/^\s*\|/.test(line)) {
      flush();
      const rows: string[] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(lines[i]);
      i--;
      out.push(table(rows));
    } else if (line.trim() === '') flush();
    else if (item) {
      flushPara();
      items.push(item[1]);
    } else if (items.length) items[items.length - 1] += ' ' + line.trim();
    else para.push(line.trim());
  }
  flush();
  return out.join('\n');
}

function table(rows: string[]): string {
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  const [head, sep, ...body] = rows;
  // Without the `|---|` line it is not a table: show the rows as they are written.
  if (sep === undefined || !/^[\s|:-]+$/.test(sep)) return `<pre class="code"><code>${escapeHtml(rows.join('\n'))}</code></pre>`;
  const tr = (row: string, tag: 'th' | 'td') => `<tr>${cells(row).map((c) => `<${tag}>${inline(c, true)}</${tag}>`).join('')}</tr>`;
  return `<table class="md"><thead>${tr(head, 'th')}</thead><tbody>${body.map((r) => tr(r, 'td')).join('')}</tbody></table>`;
}

/** Inline code spans; with `rich`, also **bold** and http(s) links (messages get code spans only). */
function inline(text: string, rich: boolean): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part, i) => {
      if (i % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      const safe = escapeHtml(part);
      if (!rich) return safe;
      // On escaped text: `[`, `]`, `(`, `)` and `*` are left as they were, and an URL's `&` and quotes are already entities.
      return safe
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label: string, url: string) => (/^https?:\/\//i.test(url) ? `<a href="${url}" rel="noopener noreferrer">${label}</a>` : m))
        .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>');
    })
    .join('');
}

// ---- style ----------------------------------------------------------------------------------------------

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg2:#f6f8fa;
--open:#cf222e;--open-bg:#ffebe9;--weak:#9a6700;--weak-bg:#fff8c5;--closed:#1a7f37;--closed-bg:#dafbe1;--note:#0969da;--note-bg:#ddf4ff}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:0 24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
code,.frame,pre{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--note);text-decoration:none}a:hover{text-decoration:underline}
h2{font-size:20px;margin:32px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h2 small,h3 small{font-weight:400;color:var(--muted);font-size:14px;margin-left:6px}
h3{font-size:15px;margin:0}
.sub{color:var(--muted);margin:4px 0 12px}.empty{color:var(--muted)}.none{color:var(--muted)}
.top{padding:20px 0 12px;border-bottom:3px solid var(--fg)}
.brand{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
.brand h1{margin:0;font-size:24px;letter-spacing:-.01em}
.version{color:var(--muted)}.profile{margin-left:auto;color:var(--muted)}.profile b{color:var(--fg)}
.chips{display:flex;gap:8px;flex-wrap:wrap;margin:10px 0 4px}
.chip{padding:2px 10px;border-radius:999px;font-weight:600;font-size:13px;border:1px solid var(--line);background:var(--bg2)}
.c-error{background:var(--open-bg);color:var(--open);border-color:#ffcecb}.c-warning{background:var(--weak-bg);color:var(--weak);border-color:#f5e0a0}
.c-note{background:var(--note-bg);color:var(--note);border-color:#b6e3ff}.c-zero{color:var(--muted);font-weight:400}
nav{display:flex;gap:16px;margin-top:8px;font-size:13px}
.env{border:1px solid var(--line);border-radius:10px;padding:16px;margin:16px 0;break-inside:avoid}
.env-head{display:flex;gap:16px;align-items:center;margin-bottom:12px}
.env-title p{margin:2px 0;color:var(--muted)}.env-title h3{font-size:16px;word-break:break-word}
.kind{display:inline-block;font-size:11px;text-transform:uppercase;letter-spacing:.04em;padding:0 6px;border-radius:4px;background:var(--bg2);border:1px solid var(--line);color:var(--muted);font-weight:600;vertical-align:1px}
.grade{flex:none;width:72px;height:72px;border-radius:12px;display:flex;flex-direction:column;align-items:center;justify-content:center;font-size:40px;font-weight:800;line-height:1;color:#fff}
.grade span{font-size:10px;font-weight:600;text-transform:uppercase;letter-spacing:.08em;opacity:.85;margin-bottom:2px}
.g-A{background:#1a7f37}.g-B{background:#4b8b1e}.g-C{background:#bf8700}.g-D{background:#d1502a}.g-F{background:#cf222e}
.diagram{background:var(--bg2);border:1px solid var(--line);border-radius:8px;padding:12px;margin-bottom:12px}
.flow{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
.col{display:flex;flex-direction:column;gap:6px}
.arrow{color:var(--muted);font-size:20px}
.policy{display:flex;align-items:stretch;gap:8px;flex-wrap:wrap;margin-top:10px;padding-top:10px;border-top:1px dashed var(--line)}
.row-label{align-self:center;font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600;width:90px}
.part{display:flex;flex-direction:column;min-width:170px;max-width:300px;padding:6px 10px;border-radius:6px;border:1px solid var(--line);border-left-width:5px;background:#fff;color:var(--fg)}
a.part:hover{text-decoration:none;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.part .role{font-size:10.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.part .name{font-weight:600;overflow-wrap:anywhere}.part .pfile{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}.part .where{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.part .tally{font-size:12px;margin-top:2px}
.part.st-open{border-color:var(--open);background:var(--open-bg)}.part.st-weak{border-color:#d4a72c;background:var(--weak-bg)}
.part.st-closed{border-color:var(--closed);background:var(--closed-bg)}.part.st-none{border-style:dashed;background:#fff}
.t-error{color:var(--open);font-weight:600}.t-warning{color:var(--weak);font-weight:600}.t-note{color:var(--note)}.t-none{color:var(--muted)}
.legend{display:flex;gap:14px;margin-top:10px;font-size:11.5px;color:var(--muted)}
.legend span::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px;background:var(--c)}
.legend .st-open{--c:var(--open)}.legend .st-weak{--c:#d4a72c}.legend .st-closed{--c:var(--closed)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600}
.dims th[scope=row]{font-weight:600;width:130px}.num{text-align:right;width:80px;font-variant-numeric:tabular-nums}
.dims td:nth-child(2){width:90px}
.state{display:inline-block;min-width:58px;text-align:center;padding:0 8px;border-radius:999px;font-size:12px;font-weight:700}
.state.st-open{background:var(--open-bg);color:var(--open)}.state.st-weak{background:var(--weak-bg);color:var(--weak)}.state.st-closed{background:var(--closed-bg);color:var(--closed)}
.loc{color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
.more{color:var(--muted);font-size:12px}
.file{margin:20px 0}
.file>h3{padding:6px 10px;background:var(--bg2);border:1px solid var(--line);border-radius:6px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.file>h3 code{font-size:13.5px;word-break:break-all}.file>h3 .tally{margin-left:auto;font-size:12px;font-weight:400;display:flex;gap:8px}
.finding{margin:10px 0 10px 12px;padding:8px 12px;border-left:4px solid var(--c);border-radius:0 6px 6px 0;background:#fff;break-inside:avoid;scroll-margin-top:12px}
.finding:target,tr:target{outline:2px solid var(--note);outline-offset:2px}
.sev-error{--c:var(--open);--cb:var(--open-bg)}.sev-warning{--c:#d4a72c;--cb:var(--weak-bg)}.sev-note{--c:var(--note);--cb:var(--note-bg)}
.f-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.sev,.sevtext{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:0 6px;border-radius:4px;background:var(--cb);color:var(--c)}
.sev-warning .sev,.sevtext.sev-warning{color:var(--weak)}
.f-head .rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600;font-size:13px}
.f-head .title{color:var(--muted)}.f-head .loc{margin-left:auto}
.msg{margin:4px 0 6px;white-space:pre-line}
.msg code,.doc code,.fix code{background:var(--bg2);border:1px solid #e4e8ec;border-radius:4px;padding:0 3px;font-size:12px}
.frame{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:4px 0;overflow-x:auto;tab-size:4}
.frame .l{white-space:pre;display:flex;padding-right:10px}
.frame .l code{font-size:inherit}
.frame .ln{flex:none;width:44px;padding-right:10px;text-align:right;color:#8c959f;user-select:none;border-right:1px solid var(--line);margin-right:10px}
.frame .hit{background:#fff}.frame .hit .ln{color:var(--fg);font-weight:700;box-shadow:inset 3px 0 var(--c)}
.frame .cut code{color:var(--muted);font-style:italic}
mark{background:var(--cb);color:inherit;border-bottom:2px solid var(--c);border-radius:2px}
mark.eol{display:inline-block;min-width:.6em}
.fix{margin:6px 0 0;font-size:13px}.fix b{color:var(--closed)}.fix .how{color:var(--muted)}
.list td{font-size:13px}.list code,.list .loc{white-space:nowrap}
.rule-doc{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:#fff}
.rule-doc summary{cursor:pointer;padding:6px 10px;font-weight:600}
.rule-doc summary code{font-size:13px;margin-right:6px}
.doc{padding:0 14px 10px;border-top:1px solid var(--line);scroll-margin-top:48px}
.doc h4{margin:12px 0 4px;font-size:14px}.doc h5,.doc h6{margin:10px 0 4px;font-size:13px}
.doc p,.doc ul{margin:6px 0}.doc .facts{color:var(--muted);font-size:12px}
.doc pre.code{background:var(--bg2);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow-x:auto}
.doc pre.code code{background:none;border:0;padding:0}
.doc table.md{width:auto;margin:6px 0}.doc .online{font-size:12px}
footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
@media print{body{max-width:none;padding:0}nav{display:none}a{color:inherit}.frame{overflow:visible}.frame .l{white-space:pre-wrap}
details::details-content{content-visibility:visible;display:block}.env,.finding{break-inside:avoid-page}}
`;
