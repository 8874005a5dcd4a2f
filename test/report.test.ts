import { formatGithub } from '../src/report/github.js';
import { FORMATS, formatHtml, formatMarkdown, formatResult, isFormat } from '../src/report/index.js';
import { formatJson } from '../src/report/json.js';
import { fileUri, formatSarif, markdownToText, pascalCase, sarifTags } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { REPO_URL, TOOL_NAME, VERSION, ruleDocUrl } from '../src/meta.js';
import type { LintResult } from '../src/result.js';
import type { RuleMeta } from '../src/rule.js';
import type { Finding } from '../src/types.js';
import { validateSarif } from './helpers/sarif.js';
import { blocks, prettyJson } from '../src/report/pretty-json.js';

const RULES: RuleMeta[] = [
  {
    id: 'docker-socket-mount',
    title: 'Docker socket mounted into the container',
    severity: 'warning',
    securitySeverity: 8,
    precision: 'high',
    dimension: 'privilege',
    tags: ['container', 'CWE-250', 'CWE-250', 'security'],
    docs: '# Docker socket\n\nThe Docker socket gives **full control** of the host\nto anything in the container.\n\n## How to fix\n\nRemove the mount. See [the docs](https://docs.docker.com/engine/security/).\n\n```yaml\nvolumes: []\n```\n',
  },
  {
    id: 'privileged-container',
    title: 'Container runs privileged',
    severity: 'error',
    securitySeverity: 9.5,
    precision: 'very-high',
    dimension: 'privilege',
    tags: ['security', 'container', 'CWE-250'],
    docs: 'A privileged container can reach every device of the host.\n\n## How to fix\n\nDrop `--privileged`.',
  },
  {
    id: 'unpinned-npx',
    title: 'npx runs an unpinned package',
    severity: 'note',
    securitySeverity: 2,
    precision: 'medium',
    dimension: 'privilege',
    tags: ['security', 'supply-chain', 'CWE-829'],
    docs: 'An unpinned `npx` package runs whatever was published last.\n\n## How to fix\n\nPin a version.',
  },
];

const DEVCONTAINER = '.devcontainer/devcontainer.json';
const COMPOSE = 'my dir/docker-compose.yml';
const BROKEN = 'broken/x:y,z.yaml';

const SOCKET_MESSAGE = 'Mount exposes 100% of the Docker API: /var/run/docker.sock:/var/run/docker.sock, rw\nAny process can start containers.';

const FINDINGS: Finding[] = [
  {
    ruleId: 'privileged-container',
    severity: 'error',
    message: 'Container runs privileged.',
    file: DEVCONTAINER,
    line: 3,
    column: 3,
    endLine: 3,
    endColumn: 21,
  },
  {
    ruleId: 'unpinned-npx',
    severity: 'note',
    message: 'npx runs an unpinned package.',
    file: DEVCONTAINER,
    line: 4,
    column: 22,
    endLine: 4,
    endColumn: 39,
    suppressed: { kind: 'inline', reason: 'pinned by the lockfile' },
  },
  {
    ruleId: 'invalid-config',
    severity: 'error',
    message: 'Could not parse YAML: bad indentation.',
    file: BROKEN,
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 2,
  },
  {
    ruleId: 'docker-socket-mount',
    severity: 'warning',
    message: SOCKET_MESSAGE,
    file: COMPOSE,
    line: 4,
    column: 9,
    endLine: 4,
    endColumn: 53,
  },
];

const DEVCONTAINER_TEXT = [
  '{',
  '  "image": "node:20",',
  '  "privileged": true,',
  '  "postCreateCommand": "npx some-tool@latest"',
  '}',
].join('\n');

const COMPOSE_TEXT = [
  'services:',
  '  agent:',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock:rw',
].join('\n');

function makeResult(findings: Finding[] = FINDINGS): LintResult {
  return {
    findings,
    files: [
      { file: DEVCONTAINER, kind: 'devcontainer' },
      { file: BROKEN, kind: 'compose' },
      { file: COMPOSE, kind: 'compose' },
    ],
    rules: RULES,
    sources: new Map([
      [DEVCONTAINER, DEVCONTAINER_TEXT],
      [COMPOSE, COMPOSE_TEXT],
    ]),
  };
}

const EMPTY: LintResult = {
  findings: [],
  files: [{ file: DEVCONTAINER, kind: 'devcontainer' }, { file: COMPOSE, kind: 'compose' }],
  rules: RULES,
  sources: new Map(),
};

// Typed loosely on purpose: the tests poke into the parsed SARIF by path.
type AnyJson = any;

const ANSI = /\u001b\[/;

describe('text', () => {
  const out = formatText(makeResult(), { color: false });
  const lines = out.split('\n');

  test('groups findings by file with aligned columns and a code frame', () => {
    expect(out).not.toMatch(ANSI);
    const start = lines.indexOf(DEVCONTAINER);
    expect(lines.slice(start, start + 5)).toEqual([
      DEVCONTAINER,
      '  3:3  error  Container runs privileged.  privileged-container',
      '    2 |   "image": "node:20",',
      '  > 3 |   "privileged": true,',
      '      |   ^' + '~'.repeat(17),
    ]);
  });

  test('indents continuation lines of a message and marks the span', () => {
    const start = lines.indexOf(COMPOSE);
    expect(lines.slice(start, start + 6)).toEqual([
      COMPOSE,
      '  4:9  warning  Mount exposes 100% of the Docker API: /var/run/docker.sock:/var/run/docker.sock, rw',
      '                Any process can start containers.  docker-socket-mount',
      '    3 |     volumes:',
      '  > 4 |       - /var/run/docker.sock:/var/run/docker.sock:rw',
      '      |         ' + '^' + '~'.repeat(43),
    ]);
  });

  test('skips the frame when the source text is missing', () => {
    const start = lines.indexOf(BROKEN);
    expect(lines.slice(start, start + 3)).toEqual([BROKEN, '  2:1  error  Could not parse YAML: bad indentation.  invalid-config', '']);
  });

  test('does not list suppressed findings as problems but shows them in the summary', () => {
    expect(out).not.toContain('  4:22');
    expect(out.endsWith(
      [
        '3 problems (2 errors, 1 warning, 0 notes) in 3 files',
        '1 suppressed:',
        `  unpinned-npx  ${DEVCONTAINER}:4  inline: pinned by the lockfile`,
        '',
      ].join('\n'),
    )).toBe(true);
  });

  test('files are in the order of the findings', () => {
    expect(lines.indexOf(DEVCONTAINER)).toBeLessThan(lines.indexOf(BROKEN));
    expect(lines.indexOf(BROKEN)).toBeLessThan(lines.indexOf(COMPOSE));
  });

  test('clean run', () => {
    expect(formatText(EMPTY, { color: false })).toBe('No problems found in 2 files.\n');
    const onlySuppressed = formatText(makeResult([FINDINGS[1]]), { color: false });
    expect(onlySuppressed).toBe(
      `No problems found in 3 files.\n1 suppressed:\n  unpinned-npx  ${DEVCONTAINER}:4  inline: pinned by the lockfile\n`,
    );
  });

  test('singular wording', () => {
    const one = formatText({ ...makeResult([FINDINGS[0]]), files: [{ file: DEVCONTAINER, kind: 'devcontainer' }] }, { color: false });
    expect(one).toContain('1 problem (1 error, 0 warnings, 0 notes) in 1 file\n');
  });

  test('colour only when asked', () => {
    const coloured = formatText(makeResult(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(out);
  });

  test('a multi-line span is marked to the end of its first line; framed findings are separated', () => {
    const a: Finding = { ...FINDINGS[0], line: 2, column: 3, endLine: 3, endColumn: 5 };
    const b: Finding = { ...FINDINGS[0], line: 4, column: 3, endLine: 4, endColumn: 22 };
    const text = formatText(makeResult([a, b]), { color: false });
    const start = text.indexOf(DEVCONTAINER);
    expect(text.slice(start).split('\n').slice(0, 11)).toEqual([
      DEVCONTAINER,
      '  2:3  error  Container runs privileged.  privileged-container',
      '    1 | {',
      '  > 2 |   "image": "node:20",',
      '      |   ^' + '~'.repeat(18),
      '',
      '  4:3  error  Container runs privileged.  privileged-container',
      '    3 |   "privileged": true,',
      '  > 4 |   "postCreateCommand": "npx some-tool@latest"',
      '      |   ^' + '~'.repeat(18),
      '',
    ]);
  });

  test('clips long lines around the column', () => {
    const long = 'x'.repeat(300) + 'TARGET' + 'y'.repeat(300);
    const finding: Finding = { ...FINDINGS[0], line: 1, column: 301, endLine: 1, endColumn: 307, file: 'long.json' };
    const text = formatText(
      { findings: [finding], files: [{ file: 'long.json', kind: 'devcontainer' }], rules: RULES, sources: new Map([['long.json', long]]) },
      { color: false },
    );
    const frame = text.split('\n').filter((l) => l.includes(' | '));
    const [code, mark] = frame;
    expect(code.length).toBeLessThan(180);
    expect(code).toContain('…xxx');
    expect(code).toContain('TARGET');
    expect(code.endsWith('yyy…')).toBe(true);
    expect(mark.indexOf('^')).toBe(code.indexOf('TARGET'));
    expect(mark.endsWith(' ^~~~~~')).toBe(true);
  });

  test('neutralises terminal escape sequences from scanned files', () => {
    const hostile = '{\n  "a": "\u001b[2J\u001b]0;pwned\u0007",\n}';
    const finding: Finding = { ...FINDINGS[0], file: 'evil\u001b[31m.json', message: 'bad \u001b[1mvalue', line: 2, column: 3, endLine: 2, endColumn: 5 };
    const text = formatText(
      { findings: [finding], files: [], rules: RULES, sources: new Map([[finding.file, hostile]]) },
      { color: false },
    );
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('json', () => {
  const parsed = JSON.parse(formatJson(makeResult()));

  test('exact shape', () => {
    expect(Object.keys(parsed)).toEqual(['version', 'findings', 'suppressed', 'files', 'profile', 'environments']);
    expect(parsed.version).toBe(VERSION);
    expect(parsed.findings).toEqual([
      { ruleId: 'privileged-container', severity: 'error', message: 'Container runs privileged.', file: DEVCONTAINER, line: 3, column: 3, endLine: 3, endColumn: 21, id: `privileged-container@${DEVCONTAINER}:3:3` },
      { ruleId: 'invalid-config', severity: 'error', message: 'Could not parse YAML: bad indentation.', file: BROKEN, line: 2, column: 1, endLine: 2, endColumn: 2, id: `invalid-config@${BROKEN}:2:1` },
      { ruleId: 'docker-socket-mount', severity: 'warning', message: SOCKET_MESSAGE, file: COMPOSE, line: 4, column: 9, endLine: 4, endColumn: 53, id: `docker-socket-mount@${COMPOSE}:4:9` },
    ]);
    expect(parsed.suppressed).toEqual([
      {
        ruleId: 'unpinned-npx',
        severity: 'note',
        message: 'npx runs an unpinned package.',
        file: DEVCONTAINER,
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 39,
        id: `unpinned-npx@${DEVCONTAINER}:4:22`,
        suppression: { kind: 'inline', reason: 'pinned by the lockfile' },
      },
    ]);
    expect(parsed.files).toEqual([
      { file: DEVCONTAINER, kind: 'devcontainer' },
      { file: BROKEN, kind: 'compose' },
      { file: COMPOSE, kind: 'compose' },
    ]);
    expect(Object.keys(parsed.findings[0])).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'id']);
  });

  test('pretty-printed with a trailing newline', () => {
    const out = formatJson(EMPTY);
    expect(out).toBe(`{\n  "version": "${VERSION}",\n  "findings": [],\n  "suppressed": [],\n  "files": [\n    {\n      "file": "${DEVCONTAINER}",\n      "kind": "devcontainer"\n    },\n    {\n      "file": "${COMPOSE}",\n      "kind": "compose"\n    }\n  ],\n  "profile": "default",\n  "environments": []\n}\n`);
  });
});

describe('sarif', () => {
  const raw = formatSarif(makeResult());
  const log: AnyJson = JSON.parse(raw);
  const run = log.runs[0];

  test('passes the OASIS schema, the upload-sarif schema and the GitHub checks', () => {
    expect(validateSarif(log)).toEqual([]);
    expect(validateSarif(JSON.parse(formatSarif(EMPTY)))).toEqual([]);
    expect(validateSarif(JSON.parse(formatSarif(makeResult(), { category: 'agent-sandbox-lint' })))).toEqual([]);
  });

  test('header and driver', () => {
    expect(raw.endsWith('}\n')).toBe(true);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.tool.driver).toMatchObject({ name: TOOL_NAME, semanticVersion: VERSION, informationUri: REPO_URL });
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  test('every rule, described for GitHub', () => {
    const ids = run.tool.driver.rules.map((r: AnyJson) => r.id);
    // Known rules in their sorted order, then a stand-in for the engine-only invalid-config id.
    expect(ids).toEqual(['docker-socket-mount', 'privileged-container', 'unpinned-npx', 'invalid-config']);
    const socket = run.tool.driver.rules[0];
    expect(socket).toEqual({
      id: 'docker-socket-mount',
      name: 'DockerSocketMount',
      shortDescription: { text: 'Docker socket mounted into the container' },
      fullDescription: { text: 'The Docker socket gives full control of the host to anything in the container.' },
      help: {
        text: expect.stringContaining('Remove the mount. See the docs (https://docs.docker.com/engine/security/).'),
        markdown: expect.stringContaining(RULES[0].docs.trim()),
      },
      helpUri: ruleDocUrl('docker-socket-mount'),
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['security', 'container', 'external/cwe/cwe-250'], precision: 'high', dimension: 'privilege', 'security-severity': '8.0' },
    });
    expect(socket.help.text).not.toContain('```');
    expect(socket.help.text).not.toContain('**');
    expect(run.tool.driver.rules[1].properties['security-severity']).toBe('9.5');
    expect(run.tool.driver.rules[2].properties['security-severity']).toBe('2.0');
    expect(run.tool.driver.rules[3].properties.tags).toEqual(['security']);
  });

  test('results exclude suppressed findings and point at their rule', () => {
    expect(run.results.map((r: AnyJson) => r.ruleId)).toEqual(['privileged-container', 'invalid-config', 'docker-socket-mount']);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations).toHaveLength(1);
      // GitHub's primaryLocationLineHash is left to upload-sarif; ours is under its own key.
      expect(Object.keys(r.partialFingerprints)).toEqual(['agentSandboxLint/v1']);
    }
    expect(run.results[0]).toEqual({
      partialFingerprints: { 'agentSandboxLint/v1': expect.stringMatching(/^[0-9a-f]{32}:0$/) },
      ruleId: 'privileged-container',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'Container runs privileged.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: '.devcontainer/devcontainer.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 21 },
          },
        },
      ],
    });
    expect(run.results[2].message.text).toBe(SOCKET_MESSAGE);
  });

  test('URIs are relative and percent-encoded per segment', () => {
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/docker-compose.yml');
    expect(run.results[1].locations[0].physicalLocation.artifactLocation.uri).toBe('broken/x%3Ay%2Cz.yaml');
    expect(fileUri('./a b\\c#d.json')).toBe('a%20b/c%23d.json');
    expect(fileUri('bad\ud800.json')).toBe('bad%EF%BF%BD.json');
  });

  test('unreadable files are also tool notifications', () => {
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'Could not parse YAML: bad indentation.' },
        locations: [run.results[1].locations[0]],
        associatedRule: { id: 'invalid-config', index: 3 },
      },
    ]);
  });

  test('results is [] when clean', () => {
    const empty: AnyJson = JSON.parse(formatSarif(EMPTY));
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toHaveLength(3);
    expect(empty.runs[0].invocations[0].toolExecutionNotifications).toEqual([]);
  });

  test('automationDetails only with a category', () => {
    expect(run).not.toHaveProperty('automationDetails');
    expect(JSON.parse(formatSarif(makeResult(), { category: 'agents' })).runs[0].automationDetails).toEqual({ id: 'agents/' });
    expect(JSON.parse(formatSarif(makeResult(), { category: 'agents/' })).runs[0].automationDetails).toEqual({ id: 'agents/' });
    expect(JSON.parse(formatSarif(makeResult(), { category: '' })).runs[0]).not.toHaveProperty('automationDetails');
  });

  test('deterministic and machine-independent', () => {
    expect(formatSarif(makeResult())).toBe(raw);
    expect(raw).not.toContain(process.cwd());
    expect(raw).not.toMatch(/"\w*(time|date)\w*"/i);
  });

  test('a region with zero or reversed positions is repaired rather than rejected', () => {
    const bad: Finding = { ...FINDINGS[0], line: 0, column: 0, endLine: 0, endColumn: 0 };
    const out: AnyJson = JSON.parse(formatSarif(makeResult([bad])));
    expect(out.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    expect(validateSarif(out)).toEqual([]);
  });

  test('helpers', () => {
    expect(pascalCase('no-new-privileges-missing')).toBe('NoNewPrivilegesMissing');
    expect(sarifTags(['CWE-250', 'cwe-78', 'security', 'x', 'CWE-250'])).toEqual(['security', 'external/cwe/cwe-250', 'external/cwe/cwe-78', 'x']);
    expect(sarifTags(Array.from({ length: 15 }, (_, i) => `t${i}`))).toHaveLength(10);
    expect(markdownToText('## Fix\n\nUse **this** and [that](https://x.y).')).toBe('Fix\n\nUse this and that (https://x.y).');
  });
});

describe('validateSarif catches broken logs', () => {
  const good = (): AnyJson => JSON.parse(formatSarif(makeResult()));

  test('missing startLine and an unknown level', () => {
    const log = good();
    delete log.runs[0].results[0].locations[0].physicalLocation.region.startLine;
    log.runs[0].results[0].level = 'critical';
    const errors = validateSarif(log);
    expect(errors.some((e) => e.startsWith('oasis:') && e.includes('/level'))).toBe(true);
    expect(errors.some((e) => e.startsWith('upload-sarif:') && e.includes('level'))).toBe(true);
    expect(errors.some((e) => e.startsWith('github:') && e.includes('startLine'))).toBe(true);
  });

  test('GitHub-only rules', () => {
    const log = good();
    const rule = log.runs[0].tool.driver.rules[0];
    rule.properties['security-severity'] = 'high';
    rule.properties.tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    rule.fullDescription.text = '';
    log.runs[0].results[0].ruleIndex = 0;
    log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'file:///home/me/x.yaml';
    log.runs[0].results[2].locations.push(log.runs[0].results[2].locations[0]);
    const errors = validateSarif(log).filter((e) => e.startsWith('github:'));
    expect(errors).toEqual([
      'github: runs[0].tool.driver.rules[0].fullDescription.text empty or missing',
      'github: runs[0].tool.driver.rules[0].properties.tags has more than 10 entries',
      'github: runs[0].tool.driver.rules[0].properties.security-severity "high" is not a number string in (0, 10]',
      'github: runs[0].results[0].ruleIndex does not point at rule privileged-container',
      'github: runs[0].results[1].locations[0] uri "file:///home/me/x.yaml" is not a relative path with / separators',
      'github: runs[0].results[2] must have exactly one location',
    ]);
  });

  test('missing results array', () => {
    const log = good();
    delete log.runs[0].results;
    expect(validateSarif(log)).toContain('github: runs[0].results missing');
  });
});

describe('github', () => {
  test('one workflow command per unsuppressed finding, escaped like @actions/core', () => {
    expect(formatGithub(makeResult())).toBe(
      [
        '::error file=.devcontainer/devcontainer.json,line=3,endLine=3,col=3,endColumn=21,title=privileged-container::Container runs privileged.',
        '::error file=broken/x%3Ay%2Cz.yaml,line=2,endLine=2,col=1,endColumn=2,title=invalid-config::Could not parse YAML: bad indentation.',
        '::warning file=my dir/docker-compose.yml,line=4,endLine=4,col=9,endColumn=53,title=docker-socket-mount::' +
          'Mount exposes 100%25 of the Docker API: /var/run/docker.sock:/var/run/docker.sock, rw%0AAny process can start containers.',
        '',
      ].join('\n'),
    );
  });

  test('notes become notices; \\r and % in properties are escaped', () => {
    const note: Finding = { ...FINDINGS[1], suppressed: undefined, file: 'a%b\r.json', message: 'x\r\ny' };
    expect(formatGithub(makeResult([note]))).toBe(
      '::notice file=a%25b%0D.json,line=4,endLine=4,col=22,endColumn=39,title=unpinned-npx::x%0D%0Ay\n',
    );
  });

  test('nothing at all when clean', () => {
    expect(formatGithub(EMPTY)).toBe('');
  });
});

describe('formatResult', () => {
  test('dispatches by name', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'github', 'markdown', 'html']);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('xml')).toBe(false);
    const result = makeResult();
    expect(formatResult('text', result, { color: false })).toBe(formatText(result, { color: false }));
    expect(formatResult('json', result, { color: true })).toBe(formatJson(result));
    expect(formatResult('github', result, { color: true })).toBe(formatGithub(result));
    expect(formatResult('sarif', result, { color: false, sarifCategory: 'c' })).toBe(formatSarif(result, { category: 'c' }));
    expect(formatResult('markdown', result, { color: false, linkBase: 'https://x/' })).toBe(formatMarkdown(result, { linkBase: 'https://x/' }));
    expect(formatResult('html', result, { color: false })).toBe(formatHtml(result));
  });
});

describe('reports written in pieces (pretty-json.ts)', () => {
  it('prettyJson gives exactly JSON.stringify(value, null, 2) for any JSON value, at any nesting', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 7 }), (v) => {
        expect([...prettyJson(v)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });

  it('writes long arrays in batches with the same bytes, at every depth', async () => {
    const fc = (await import('fast-check')).default;
    const long = fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 256, maxLength: 600 });
    fc.assert(
      fc.property(long, fc.integer({ min: 0, max: 5 }), (items, depth) => {
        let v: unknown = items;
        for (let d = 0; d < depth; d++) v = d % 2 ? [v, 1] : { k: v, other: [1, 2] };
        expect([...prettyJson(v)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 40, seed: 20261125 },
    );
  });

  it('leaves out what JSON leaves out (undefined and functions in objects; null for them in arrays); toJSON is honoured', () => {
    const v = { a: undefined, b: () => 1, c: [undefined, () => 1, 2], d: new Date(0), e: {}, f: [], g: [[{ h: 'x\ny' }]] };
    expect([...prettyJson(v)].join('')).toBe(JSON.stringify(v, null, 2));
  });

  it('blocks joins pieces into writes of about the given size, losing nothing', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const out = [...blocks(pieces, 100)];
    expect(out.join('')).toBe(pieces.join(''));
    expect(out.length).toBeGreaterThan(50);
    for (const b of out.slice(0, -1)) expect(b.length).toBeGreaterThanOrEqual(100);
  });
});
