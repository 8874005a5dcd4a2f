/**
 * The GitHub Action: action.yml is valid metadata whose inputs are all used, and its steps, run locally with the
 * variables a runner sets, write a valid SARIF log, emit annotations and end with the right exit status.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFiles } from './helpers/project.js';
// `ajv` (draft-07) comes with ajv-formats; under NodeNext its default import is module.exports (see helpers/sarif.ts).
import AjvModule from 'ajv';
import YAML from 'yaml';
import { loadAction, runComposite, type ActionRun } from './helpers/composite.js';
import { validateSarif } from './helpers/sarif.js';

const ACTION = path.resolve('action.yml');

describe('action.yml', () => {
  it('validates against the SchemaStore schema for action metadata', () => {
    const schema = JSON.parse(readFileSync('test/data/github-action.schemastore.json', 'utf8')) as object;
    const ajv = new AjvModule.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(loadAction(ACTION));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('uses every input it declares and declares every input it uses', () => {
    const action = loadAction(ACTION);
    const declared = Object.keys(action.inputs ?? {}).sort();
    expect(declared).toEqual(['category', 'config', 'fail-on', 'format', 'path', 'sarif-file', 'step-summary', 'upload-sarif']);
    const steps = JSON.stringify(action.runs.steps);
    const used = [...new Set([...steps.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(declared);
  });

  it('is composite, runs the committed bundle, passes inputs through env and uploads with a category', () => {
    const action = loadAction(ACTION);
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps.filter((s) => s.run)) {
      // Script injection: an input is never spliced into the script text.
      expect(step.run).not.toMatch(/\$\{\{/);
    }
    expect(JSON.stringify(action.runs.steps)).toContain('$GITHUB_ACTION_PATH/dist/cli.js');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    // Pinned by commit, to a v4 release (v3 is deprecated in December 2026).
    expect(upload?.uses).toMatch(/@[0-9a-f]{40}$/);
    expect(readFileSync(ACTION, 'utf8')).toMatch(/upload-sarif@[0-9a-f]{40} # v4\.\d+\.\d+/);
    expect(upload?.with).toEqual({ sarif_file: '${{ steps.scan.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual(['findings', 'sarif-file']);
  });
});

describe('running the action locally', () => {
  let tmp: string;
  let actionDir: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'asl-action-'));
    // The action as a runner checks it out, without node_modules: the bundle must be enough.
    actionDir = path.join(tmp, 'action');
    mkdirSync(actionDir);
    for (const f of ['action.yml', 'dist', 'docs']) cpSync(f, path.join(actionDir, f), { recursive: true });
  });

  /**
   * The action with variables added to its scan step's env: the ones a runner sets that the local runner does
   * not (GITHUB_SERVER_URL…), or a broken one, to see what the step does without them.
   */
  const actionWith = (env: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(tmp, 'action-'));
    for (const f of ['dist', 'docs']) cpSync(f, path.join(dir, f), { recursive: true });
    const action = loadAction(ACTION);
    const scan = action.runs.steps.find((s) => s.id === 'scan')!;
    scan.env = { ...scan.env, ...env };
    writeFileSync(path.join(dir, 'action.yml'), YAML.stringify(action));
    return dir;
  };
  const RUNNER_VARS = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo/repo', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' };
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const workspace = (files: Record<string, string>): string => writeFiles(mkdtempSync(path.join(tmp, 'ws-')), files);

  const RISKY = {
    '.devcontainer/devcontainer.json': '{ "image": "node:20", "runArgs": ["--privileged"] }\n',
    'scripts/run-agent.sh': '#!/bin/sh\ndocker run --rm -v /var/run/docker.sock:/var/run/docker.sock node:20 true\n',
  };
  const CLEAN = {
    'compose.yaml': [
      'services:',
      '  agent:',
      '    image: node:20@sha256:0000000000000000000000000000000000000000000000000000000000000000',
      '    user: "1000:1000"',
      '    read_only: true',
      '    cap_drop: [ALL]',
      '    security_opt: [no-new-privileges:true]',
      '    network_mode: none',
      '    mem_limit: 2g',
      '    pids_limit: 256',
      '',
    ].join('\n'),
  };

  const step = (run: ActionRun, id: string) => run.steps.find((s) => s.id === id || s.uses?.startsWith(id))!;
  const sarifOf = (ws: string, run: ActionRun) => JSON.parse(readFileSync(path.join(ws, run.outputs['sarif-file']), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };

  it('risky tree: valid SARIF, annotations, upload with the category, then exit 1', () => {
    const ws = workspace(RISKY);
    const run = runComposite(actionDir, ws);
    expect(step(run, 'scan').status).toBe(0);
    expect(run.outputs['sarif-file']).toBe('agent-sandbox-lint.sarif');
    const log = sarifOf(ws, run);
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0].results;
    expect(Number(run.outputs.findings)).toBe(results.length);
    expect(results.length).toBeGreaterThan(2);
    expect(results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['privileged-container', 'docker-socket-mount']));
    // Paths relative to the workspace, as code scanning needs them.
    expect(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(expect.arrayContaining(['.devcontainer/devcontainer.json', 'scripts/run-agent.sh']));
    // Annotations, with file and position, at column 0 of the log.
    expect(run.stdout).toMatch(/^::error file=\.devcontainer\/devcontainer\.json,line=1,endLine=1,col=\d+,endColumn=\d+,title=privileged-container::/m);
    expect(run.stdout).toMatch(/^::error file=scripts\/run-agent\.sh,line=2,.*title=docker-socket-mount::/m);
    // The full text report sits in a folded group, so findings past GitHub's annotation limit are not lost.
    expect(run.stdout).toContain('::group::agent-sandbox-lint report');
    expect(run.stdout).toMatch(/\d+ problems \(/);
    // upload-sarif gets the file and the category, and comes before the failing step.
    const upload = step(run, 'github/codeql-action/upload-sarif@');
    expect(upload.skipped).toBe(false);
    expect(upload.with).toEqual({ sarif_file: 'agent-sandbox-lint.sarif', category: 'agent-sandbox-lint' });
    expect(step(run, 'verdict').status).toBe(1);
    expect(run.status).toBe(1);
    expect(run.summary).toContain(`agent-sandbox-lint: ${results.length} finding(s)`);
  });

  it('the step summary holds the Markdown report, its links to the commit; step-summary false leaves the one line', () => {
    const ws = workspace(RISKY);
    const run = runComposite(actionWith(RUNNER_VARS), ws, { 'upload-sarif': 'false' });
    expect(step(run, 'scan').status).toBe(0);
    expect(run.stdout).not.toContain('::warning title=agent-sandbox-lint::');
    const base = `https://github.com/octo/repo/blob/${RUNNER_VARS.GITHUB_SHA}/`;
    expect(run.summary).toMatch(/^## agent-sandbox-lint\n\n\*\*\d+ problems\*\* \(\d+ errors, \d+ warnings, \d+ notes\) in 2 files \(profile `default`\)\.\n/);
    expect(run.summary).toMatch(/^### Grade F · .+ \(\.devcontainer\/devcontainer\.json\)$/m);
    expect(run.summary).toMatch(/^\| privilege \| 🔴 open \| \d+ \| `[a-z-]+` \[/m);
    expect(run.summary).toContain(`[.devcontainer/devcontainer.json:1](${base}.devcontainer/devcontainer.json#L1)`);
    expect(run.summary).toContain(`[scripts/run-agent.sh:2](${base}scripts/run-agent.sh#L2)`);
    expect(run.summary).toMatch(/\n\nagent-sandbox-lint: \d+ finding\(s\); SARIF log `agent-sandbox-lint\.sarif`\.\n$/);

    // Without the runner's variables, links are relative; with the input off, only the one line is written.
    const plain = runComposite(actionDir, ws, { 'upload-sarif': 'false' });
    expect(plain.summary).toContain('[scripts/run-agent.sh:2](scripts/run-agent.sh#L2)');
    const off = runComposite(actionWith(RUNNER_VARS), ws, { 'upload-sarif': 'false', 'step-summary': 'false' });
    expect(off.summary).toBe(`agent-sandbox-lint: ${off.outputs.findings} finding(s); SARIF log \`agent-sandbox-lint.sarif\`.\n`);
  });

  it('a step summary that cannot be written is a warning, not a failure', () => {
    const ws = workspace(CLEAN);
    const run = runComposite(actionWith({ RUNNER_TEMP: path.join(tmp, 'no', 'such', 'dir') }), ws, { 'upload-sarif': 'false' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^::warning title=agent-sandbox-lint::could not write the Markdown report to the step summary$/m);
    expect(run.summary).toBe('agent-sandbox-lint: 0 finding(s); SARIF log `agent-sandbox-lint.sarif`.\n');
  });

  it('clean tree: empty results, no annotations, exit 0', () => {
    const ws = workspace(CLEAN);
    const run = runComposite(actionDir, ws, { category: 'sandbox' });
    expect(run.status).toBe(0);
    expect(run.outputs.findings).toBe('0');
    const log = sarifOf(ws, run);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(run.stdout).not.toMatch(/^::(error|warning|notice) /m);
    expect(step(run, 'github/codeql-action/upload-sarif@').with?.category).toBe('sandbox');
  });

  it('fail-on decides the verdict; upload-sarif false skips the upload; path, sarif-file and format are honoured', () => {
    const ws = workspace({ ...RISKY, 'other/compose.yaml': 'services:\n  x:\n    image: a\n    privileged: true\n' });
    const none = runComposite(actionDir, ws, { 'fail-on': 'none', 'upload-sarif': 'false', path: 'scripts', 'sarif-file': 'out/x.sarif', format: 'text' });
    expect(none.status).toBe(0);
    expect(step(none, 'github/codeql-action/upload-sarif@').skipped).toBe(true);
    expect(none.outputs['sarif-file']).toBe('out/x.sarif');
    const results = sarifOf(ws, none).runs[0].results;
    expect(new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(['scripts/run-agent.sh']));
    expect(none.stdout).not.toMatch(/^::error file=/m);
    expect(none.stdout).toContain('scripts/run-agent.sh');
    // Two paths, whitespace-separated; a warning-level threshold.
    const two = runComposite(actionDir, ws, { path: 'scripts\nother', 'fail-on': 'error', 'upload-sarif': 'false' });
    expect(two.status).toBe(1);
    const uris = new Set(sarifOf(ws, two).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['scripts/run-agent.sh', 'other/compose.yaml']));
  });

  it('config is passed to the linter', () => {
    const ws = workspace({ ...RISKY, 'ci/asl.yaml': 'rules:\n  privileged-container: off\n' });
    const run = runComposite(actionDir, ws, { config: 'ci/asl.yaml', 'upload-sarif': 'false' });
    const ids = sarifOf(ws, run).runs[0].results.map((r) => r.ruleId);
    expect(ids).not.toContain('privileged-container');
    expect(ids).toContain('docker-socket-mount');
  });

  it('a tool or input error stops the action with exit 2 before any upload', () => {
    const ws = workspace(RISKY);
    const badConfig = runComposite(actionDir, ws, { config: 'missing.yaml' });
    expect(badConfig.status).toBe(2);
    expect(step(badConfig, 'github/codeql-action/upload-sarif@').skipped).toBe(true);
    expect(badConfig.stdout).toMatch(/^::error title=agent-sandbox-lint::the linter failed/m);
    expect(runComposite(actionDir, ws, { 'fail-on': 'sometimes' }).status).toBe(2);
    expect(runComposite(actionDir, ws, { path: 'no/such/dir' }).status).toBe(2);
  });

  it('a path input cannot inject options or commands', () => {
    const ws = workspace(CLEAN);
    const run = runComposite(actionDir, ws, { path: '--version $(touch pwned) ;touch pwned2' });
    expect(run.status).toBe(2); // "--version" etc. are taken as paths that do not exist
    expect(() => readFileSync(path.join(ws, 'pwned'))).toThrow();
    expect(() => readFileSync(path.join(ws, 'pwned2'))).toThrow();
  });
});
