/**
 * SARIF 2.1.0 for GitHub code scanning. The shape follows shared/anchors/integration.md §1.11: one run, every
 * rule in the driver, `results` always present, one relative location per result, nothing machine-specific.
 */
import type { Finding, Fix, Severity } from '../types.js';
import type { RuleMeta } from '../rule.js';
import type { LintResult } from '../result.js';
import { REPO_URL, TOOL_NAME, VERSION, ruleDocUrl } from '../meta.js';
import { fingerprints } from '../fingerprint.js';
import { prettyJson } from './pretty-json.js';

export const FINGERPRINT_KEY = 'agentSandboxLint/v1';

export interface SarifOptions {
  /** Code scanning category; written as `automationDetails.id`, which overrides upload-sarif's `category` input. */
  category?: string;
}

/** Findings about the run itself (a file that could not be read or parsed) are also tool notifications. */
const INVALID_CONFIG = 'invalid-config';
/** GitHub's limits for rule texts and names (integration.md §1.2). */
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;
/** GitHub keeps only the first 10 tags of a rule. */
const MAX_TAGS = 10;

// Only the subset of the SARIF object model this reporter writes.
interface SarifMessage {
  text: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: Severity };
  properties: Record<string, string | string[]>;
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Severity;
  message: SarifMessage;
  locations: [SarifLocation];
  partialFingerprints: Record<string, string>;
  /** The finding's mechanical fix (safe or a suggestion; the description says which). */
  fixes?: SarifFix[];
}

interface SarifFix {
  description: SarifMessage;
  artifactChanges: {
    artifactLocation: { uri: string; uriBaseId: string };
    replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[];
  }[];
}

interface SarifNotification {
  level: 'error';
  message: SarifMessage;
  locations: [SarifLocation];
  associatedRule: { id: string; index: number };
}

export function formatSarif(result: LintResult, opts: SarifOptions = {}): string {
  return [...sarifReport(result, opts)].join('');
}

/** The log in pieces, for writing as it is made (pretty-json.ts). */
export function* sarifReport(result: LintResult, opts: SarifOptions = {}): Generator<string> {
  const findings = result.findings.filter((f) => !f.suppressed);
  const rules = ruleList(result.rules, findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Over every finding, suppressed ones included, so that suppressing one does not renumber its twins.
  const prints = fingerprints(result.findings, result.sources);
  const run = {
    tool: { driver: { name: TOOL_NAME, semanticVersion: VERSION, informationUri: REPO_URL, rules: rules.map(toSarifRule) } },
    ...automationDetails(opts.category),
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications(findings, index) }],
    results: findings.map((f) => toSarifResult(f, index, prints.get(f)!)),
    columnKind: 'utf16CodeUnits',
  };
  const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
  yield* prettyJson(log);
  yield '\n';
}

/**
 * The known rules, plus a stand-in for any rule id that only the engine emits (invalid-config, a suppression
 * problem): every result needs a `ruleIndex` into the driver, and GitHub needs help text for each rule it shows.
 */
function ruleList(rules: RuleMeta[], findings: Finding[]): RuleMeta[] {
  const known = new Set(rules.map((r) => r.id));
  const extra = new Map<string, RuleMeta>();
  for (const f of findings) {
    if (!known.has(f.ruleId) && !extra.has(f.ruleId)) extra.set(f.ruleId, standInRule(f));
  }
  return [...rules, ...[...extra.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))];
}

function standInRule(f: Finding): RuleMeta {
  const words = f.ruleId.split(/[^A-Za-z0-9]+/).filter(Boolean).join(' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return {
    id: f.ruleId,
    title: title || f.ruleId,
    severity: f.severity,
    // Not a security score: a problem with the run, so no `security-severity` (see securityProperties).
    securitySeverity: 0,
    precision: 'very-high',
    dimension: 'tooling',
    tags: ['security'],
    docs: `Reported by ${TOOL_NAME} itself rather than by a rule: ${title || f.ruleId}.`,
  };
}

function toSarifRule(rule: RuleMeta): SarifRule {
  const helpUri = ruleDocUrl(rule.id);
  const docs = rule.docs.trim();
  return {
    id: rule.id,
    name: pascalCase(rule.id).slice(0, MAX_NAME) || rule.id,
    shortDescription: { text: limit(oneLine(rule.title) || rule.id) },
    fullDescription: { text: limit(firstParagraph(docs) || oneLine(rule.title) || rule.id) },
    help: {
      text: markdownToText(docs) || rule.title || rule.id,
      // GitHub shows the markdown instead of the text; the link leads to the full page with examples.
      markdown: `${docs || rule.title || rule.id}\n\n[Rule documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: rule.severity },
    properties: { tags: sarifTags(rule.tags), precision: rule.precision, dimension: rule.dimension, ...securityProperties(rule) },
  };
}

export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** GitHub reads CWE tags as `external/cwe/cwe-<n>`; `security` must be there for the alert to count as security. */
export function sarifTags(tags: string[]): string[] {
  const converted = tags.map((t) => t.trim().replace(/^cwe-(\d+)$/i, 'external/cwe/cwe-$1')).filter(Boolean);
  return [...new Set(['security', ...converted])].slice(0, MAX_TAGS);
}

/**
 * `security-severity` must be a string holding a number in (0, 10]; anything else fails processing, so a value
 * outside that range is left out (and `problem.severity` given instead) rather than sent.
 */
function securityProperties(rule: RuleMeta): Record<string, string> {
  const score = Number.isFinite(rule.securitySeverity) ? Math.min(rule.securitySeverity, 10).toFixed(1) : '0.0';
  if (Number(score) > 0) return { 'security-severity': score };
  return { 'problem.severity': rule.severity === 'note' ? 'recommendation' : rule.severity };
}

function toSarifResult(f: Finding, index: Map<string, number>, fingerprint: string): SarifResult {
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: f.severity,
    message: { text: f.message.trim() || f.ruleId },
    locations: [location(f)],
    // Our own key: upload-sarif still computes GitHub's primaryLocationLineHash, and this one survives line shifts.
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.fix ? { fixes: [toSarifFix(f.fix)] } : {}),
  };
}

function toSarifFix(fix: Fix): SarifFix {
  const text = fix.safe ? `${fix.description} (applied by --fix)` : `${fix.description} (a suggestion, not applied by --fix: ${fix.caution ?? 'check it first'})`;
  return {
    description: { text },
    artifactChanges: [
      {
        artifactLocation: { uri: fileUri(fix.file), uriBaseId: '%SRCROOT%' },
        replacements: fix.edits.map((e) => ({ deletedRegion: { charOffset: e.offset, charLength: e.length }, insertedContent: { text: e.text } })),
      },
    ],
  };
}

function notifications(findings: Finding[], index: Map<string, number>): SarifNotification[] {
  return findings
    .filter((f) => f.ruleId === INVALID_CONFIG)
    .map((f) => ({
      level: 'error',
      message: { text: f.message.trim() || f.ruleId },
      locations: [location(f)],
      associatedRule: { id: f.ruleId, index: index.get(f.ruleId) ?? -1 },
    }));
}

function location(f: Finding): SarifLocation {
  return { physicalLocation: { artifactLocation: { uri: fileUri(f.file), uriBaseId: '%SRCROOT%' }, region: region(f) } };
}

/** SARIF rejects line or column 0 and a region that ends before it starts; a bad location must not sink the upload. */
function region(f: Finding): SarifLocation['physicalLocation']['region'] {
  const pos = (n: number) => (Number.isInteger(n) && n >= 1 ? n : 1);
  const startLine = pos(f.line);
  const startColumn = pos(f.column);
  const endLine = Math.max(pos(f.endLine), startLine);
  const endColumn = endLine === startLine ? Math.max(pos(f.endColumn), startColumn) : pos(f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** A relative URI reference: `/` separators, each segment percent-encoded (a space becomes `%20`). */
export function fileUri(file: string): string {
  const segments = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').split('/');
  return segments.map((s) => encodeURIComponent(wellFormed(s))).join('/');
}

/** encodeURIComponent throws on a lone surrogate, which a hostile file name can contain. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function automationDetails(category: string | undefined): { automationDetails?: { id: string } } {
  // An id is `category/run-id`; the trailing slash makes the whole value the category.
  const name = category?.replace(/\/+$/, '');
  return name ? { automationDetails: { id: `${name}/` } } : {};
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function limit(text: string): string {
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION - 1);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut) + '…';
}

/** The opening prose of the docs: headings and code blocks are skipped, markup removed, wrapped lines joined. */
function firstParagraph(docs: string): string {
  const para = docs.split(/\n\s*\n/).find((p) => {
    const t = p.trim();
    return t !== '' && !t.startsWith('#') && !t.startsWith('```') && !t.startsWith('~~~');
  });
  return para ? oneLine(markdownToText(para)) : '';
}

/** Plain text for `help.text`: inline markup dropped, links spelled out, code kept but unfenced. */
export function markdownToText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^\s*(```|~~~)/.test(line))
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, text: string, url: string) => (text ? `${text} (${url})` : url))
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2'),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
