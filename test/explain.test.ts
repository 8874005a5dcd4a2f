/** --explain prints a rule's page; an unknown id is a usage error with a suggestion. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const CLI = path.resolve('dist/cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

it('prints the rule docs page', () => {
  const r = run(['--explain', 'docker-socket-mount']);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(readFileSync('docs/rules/docker-socket-mount.md', 'utf8'));
  expect(r.stdout).toContain('## How to fix');
});

it('every listed rule can be explained', () => {
  const ids = (JSON.parse(run(['--list-rules', '--format', 'json']).stdout) as { id: string }[]).map((r) => r.id);
  for (const id of ids) expect(run(['--explain', id]).stdout.startsWith(`# ${id}\n`)).toBe(true);
});

it('an unknown id exits 2 with a did-you-mean', () => {
  const typo = run(['--explain', 'privileged-containr']);
  expect(typo.code).toBe(2);
  expect(typo.stdout).toBe('');
  expect(typo.stderr).toContain('unknown rule "privileged-containr" (did you mean "privileged-container"?)');
  expect(run(['--explain', 'socket']).stderr).toContain('did you mean "docker-socket-mount"?');
  const none = run(['--explain', 'zzzzzz']);
  expect(none.code).toBe(2);
  expect(none.stderr).not.toContain('did you mean');
  expect(run(['--explain']).code).toBe(2);
});

it('is in --help', () => {
  const help = run(['--help']).stdout;
  for (const opt of ['--explain <rule-id>', '--baseline <file>', '--write-baseline <file>']) expect(help).toContain(opt);
});
