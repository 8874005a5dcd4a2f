/**
 * Posture: which files make an agent environment, how findings land in it, the dimension states, the grade
 * formula, the profiles, and the text and JSON reports of it. The bundled examples are the done-when: the
 * risky one is F with every dimension open, the hardened one A.
 */
import { execFileSync } from 'node:child_process';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';
import { grade, judgePostures, resultPostures, POSTURE_DIMENSIONS, type DimensionState } from '../src/posture/posture.js';
import { PROFILES } from '../src/posture/profiles.js';
import { RULES } from '../src/rule-registry.generated.js';
import { formatText } from '../src/report/text.js';
import { formatJson } from '../src/report/json.js';
import type { Finding } from '../src/types.js';
import type { Environment } from '../src/posture/environments.js';
import { useScratch } from './helpers/project.js';

const scratch = useScratch('asl-posture-');

async function example(name: string, profile: 'review' | 'default' | 'strict' = 'default') {
  const cwd = process.cwd();
  return lint({ paths: [`examples/${name}`], cwd, config: { ...defaultConfig(cwd), profile }, inlineSuppressions: true });
}

describe('the bundled examples', () => {
  test('risky-agent: every environment is grade F with all six dimensions open', async () => {
    const postures = resultPostures(await example('risky-agent'));
    expect(postures.map((p) => p.environment.name).sort()).toEqual([
      'devcontainer "claude-yolo" (examples/risky-agent/.devcontainer/devcontainer.json)',
      'docker run (examples/risky-agent/run-agent.sh)',
    ]);
    for (const p of postures) {
      expect(p.grade).toBe('F');
      expect(p.dimensions.map((d) => [d.dimension, d.state])).toEqual(POSTURE_DIMENSIONS.map((d) => [d, 'open']));
    }
  });

  test('hardened-agent: grade A, its one note listed under credentials', async () => {
    const [p, ...rest] = resultPostures(await example('hardened-agent'));
    expect(rest).toEqual([]);
    expect(p.grade).toBe('A');
    expect(p.dimensions.every((d) => d.state === 'closed')).toBe(true);
    const creds = p.dimensions.find((d) => d.dimension === 'credentials')!;
    expect(creds.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['host-secret-passthrough examples/hardened-agent/.devcontainer/devcontainer.json:22']);
  });

  test('strict: the hardened example’s note weakens credentials, so grade B', async () => {
    const [p] = resultPostures(await example('hardened-agent', 'strict'));
    expect(p.grade).toBe('B');
    expect(p.dimensions.filter((d) => d.state !== 'closed').map((d) => d.dimension)).toEqual(['credentials']);
  });
});

describe('environments', () => {
  test('a dev container joined to its compose service: the devcontainer, the service’s lines, the Dockerfile, the scripts beside it and the project’s policy', async () => {
    const run = await scratch.lint({
      '.devcontainer/devcontainer.json': '{ "name": "dev", "dockerComposeFile": "compose.yaml", "service": "agent" }',
      '.devcontainer/compose.yaml': 'services:\n  db:\n    image: postgres:16\n    privileged: true\n  agent:\n    build: .\n    command: sleep infinity\n',
      '.devcontainer/Dockerfile': 'FROM node:20\nRUN npm install -g @anthropic-ai/claude-code@2.0.0\n',
      '.devcontainer/setup.sh': '#!/bin/sh\necho hi\n',
      '.claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }',
    });
    const envs = run.environments ?? [];
    expect(envs.map((e) => e.kind)).toEqual(['container']);
    expect(envs[0].parts.map((p) => [p.role, p.file, p.lines?.from, p.lines?.to])).toEqual([
      ['compose', '.devcontainer/compose.yaml', 5, 7],
      ['devcontainer', '.devcontainer/devcontainer.json', undefined, undefined],
      ['dockerfile', '.devcontainer/Dockerfile', undefined, undefined],
      ['script', '.devcontainer/setup.sh', undefined, undefined],
      ['policy', '.claude/settings.json', undefined, undefined],
    ]);
    const [p] = resultPostures(run);
    // The db service's privileged line (4) is in the compose file but not in the agent's service.
    expect(p.findings.some((f) => f.ruleId === 'privileged-container')).toBe(false);
    expect(run.findings.some((f) => f.ruleId === 'privileged-container' && f.line === 4)).toBe(true);
    expect(p.dimensions.find((d) => d.dimension === 'agent-policy')!.findings.map((f) => f.ruleId)).toContain('permissions-bypassed');
  });

  test('agent policy with no container is the agent on the host; a workflow that runs an agent is the CI runner', async () => {
    const run = await scratch.lint({
      'tool/.mcp.json': '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }',
      '.github/workflows/agent.yml':
        'on:\n  issues:\n    types: [opened]\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: ${{ github.event.issue.body }}\n',
    });
    expect((run.environments ?? []).map((e) => [e.kind, e.name])).toEqual([
      ['ci', 'CI runner (.github/workflows/agent.yml)'],
      ['host', 'agent on the host (tool)'],
    ]);
    const postures = resultPostures(run);
    const host = postures.find((p) => p.environment.kind === 'host')!;
    expect(host.findings.map((f) => f.ruleId).sort()).toEqual(['mcp-filesystem-root', 'unpinned-npx']);
    const ci = postures.find((p) => p.environment.kind === 'ci')!;
    expect(ci.findings.length).toBeGreaterThan(0);
    expect(ci.findings.every((f) => f.file === '.github/workflows/agent.yml')).toBe(true);
  });

  test('a project with no agent anywhere has no environment', async () => {
    const run = await scratch.lint({ 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n' });
    expect(run.environments).toEqual([]);
    expect(formatText(run, { color: false })).not.toContain('Posture');
  });
});

describe('states and grade', () => {
  const env: Environment = { id: 'container:x', kind: 'container', name: 'x', why: 'test', parts: [{ role: 'compose', file: 'c.yaml', label: 'c.yaml' }] };
  const finding = (ruleId: string, severity: Finding['severity'], line = 1): Finding => ({ ruleId, severity, message: 'm', file: 'c.yaml', line, column: 1, endLine: line, endColumn: 2 });
  const stateOf = (findings: Finding[], dimension: string, profile = PROFILES.default): DimensionState =>
    judgePostures([env], findings, RULES, profile)[0].dimensions.find((d) => d.dimension === dimension)!.state;

  test('an error opens its dimension; so does a warning of a rule that declares `opens`; other warnings weaken it; notes do not count', () => {
    expect(stateOf([finding('privileged-container', 'error')], 'privilege')).toBe('open');
    // Two hardening gaps are still gaps: Docker's defaults are not an escape.
    expect(stateOf([finding('cap-drop-all-missing', 'warning'), finding('no-new-privileges-missing', 'warning')], 'privilege')).toBe('weak');
    expect(stateOf([finding('unpinned-image', 'warning'), finding('unpinned-image', 'warning', 2)], 'supply-chain')).toBe('weak');
    expect(stateOf([finding('unpinned-image', 'warning'), finding('unpinned-npx', 'warning')], 'supply-chain')).toBe('open');
    expect(stateOf([finding('network-egress-unrestricted', 'note')], 'network')).toBe('closed');
    expect(stateOf([finding('unpinned-image', 'note')], 'supply-chain')).toBe('closed');
    expect(stateOf([finding('unpinned-image', 'note')], 'supply-chain', PROFILES.strict)).toBe('weak');
  });

  test('suppressed findings and findings outside the parts do not count', () => {
    const suppressed = { ...finding('privileged-container', 'error'), suppressed: { kind: 'inline' as const, reason: 'r' } };
    expect(stateOf([suppressed], 'privilege')).toBe('closed');
    expect(stateOf([{ ...finding('privileged-container', 'error'), file: 'other.yaml' }], 'privilege')).toBe('closed');
  });

  test('the formula: F for privilege open or three open, D for one or two open, C for three weak, B for one or two weak, A for none', () => {
    const dims = (states: Partial<Record<string, DimensionState>>) => POSTURE_DIMENSIONS.map((dimension) => ({ dimension, state: states[dimension] ?? 'closed' }));
    expect(grade(dims({}))).toBe('A');
    expect(grade(dims({ network: 'weak' }))).toBe('B');
    expect(grade(dims({ network: 'weak', filesystem: 'weak' }))).toBe('B');
    expect(grade(dims({ network: 'weak', filesystem: 'weak', credentials: 'weak' }))).toBe('C');
    expect(grade(dims({ network: 'open' }))).toBe('D');
    expect(grade(dims({ network: 'open', credentials: 'open' }))).toBe('D');
    expect(grade(dims({ network: 'open', credentials: 'open', 'supply-chain': 'open' }))).toBe('F');
    expect(grade(dims({ privilege: 'open' }))).toBe('F');
  });
});

describe('profiles', () => {
  const files = {
    '.devcontainer/devcontainer.json':
      '{ "image": "node:20@sha256:0000000000000000000000000000000000000000000000000000000000000000", "runArgs": ["--cap-drop=ALL", "--security-opt=no-new-privileges"], "postCreateCommand": "npm install -g @anthropic-ai/claude-code@2.0.0" }',
  };
  test('a profile raises the floor of its rules; the config’s rules still win', async () => {
    const level = async (profile: 'review' | 'default' | 'strict', rules = {}) =>
      (await scratch.lint(files, { profile, rules })).findings.find((f) => f.ruleId === 'writable-root-filesystem')?.severity;
    expect(await level('default')).toBe('note');
    expect(await level('review')).toBe('warning');
    expect(await level('strict')).toBe('warning');
    expect(await level('strict', { 'writable-root-filesystem': 'note' })).toBe('note');
  });

  test('the rules that open a dimension with a warning', () => {
    expect(RULES.filter((r) => r.opens).map((r) => `${r.dimension} ${r.id}`).sort()).toEqual([
      'credentials codex-secrets-inherited',
      'credentials dotenv-exposure',
      'credentials host-secret-passthrough',
      'filesystem mcp-filesystem-root',
      'network api-endpoint-redirect',
      'network hook-exfiltration',
      'network network-egress-unrestricted',
      'supply-chain agent-version-vulnerable',
      'supply-chain remote-script-execution',
      'supply-chain unpinned-npx',
    ]);
  });

  test('every profile floor names a real rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const p of Object.values(PROFILES)) for (const id of Object.keys(p.floors)) expect(ids.has(id)).toBe(true);
  });

  test('--profile is checked and reaches the report', () => {
    const cli = (args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', stdio: 'pipe' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, out: err.stdout + err.stderr };
      }
    };
    const bad = cli(['--profile', 'paranoid', 'examples/hardened-agent']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('unknown --profile "paranoid"; use one of review, default, strict');
    const ok = JSON.parse(cli(['--profile', 'strict', '-f', 'json', 'examples/hardened-agent']).out);
    expect(ok.profile).toBe('strict');
    expect(ok.environments[0].grade).toBe('B');
  });
});

describe('reports', () => {
  test('text ends with one table per environment: grade, then each dimension with its state and top finding', async () => {
    const text = formatText(await example('hardened-agent'), { color: false });
    const tail = text.slice(text.indexOf('Posture per agent environment'));
    expect(tail.split('\n').slice(2, 9)).toEqual([
      '  grade A  devcontainer "claude-hardened" (examples/hardened-agent/.devcontainer/devcontainer.json)',
      '       privilege     closed  –',
      '       filesystem    closed  –',
      '       credentials   closed  host-secret-passthrough  examples/hardened-agent/.devcontainer/devcontainer.json:22',
      '       network       closed  –',
      '       agent-policy  closed  –',
      '       supply-chain  closed  –',
    ]);
  });

  test('JSON environments: parts with file and lines, states, and finding ids that name findings of the report', async () => {
    const json = JSON.parse(formatJson(await example('risky-agent')));
    const ids = new Set(json.findings.map((f: { id: string }) => f.id));
    const dc = json.environments.find((e: { kind: string; name: string }) => e.name.startsWith('devcontainer'));
    expect(dc.grade).toBe('F');
    expect(dc.parts).toContainEqual({ role: 'compose', file: 'examples/risky-agent/.devcontainer/compose.yaml', line: 2, endLine: 14, label: 'compose service "agent" (examples/risky-agent/.devcontainer/compose.yaml:2)' });
    expect(Object.keys(dc.dimensions)).toEqual([...POSTURE_DIMENSIONS]);
    expect(dc.dimensions.privilege.state).toBe('open');
    for (const id of dc.findings) expect(ids.has(id)).toBe(true);
    expect(dc.dimensions.privilege.findings).toContain('privileged-container@examples/risky-agent/.devcontainer/devcontainer.json:7:17');
  });
});
