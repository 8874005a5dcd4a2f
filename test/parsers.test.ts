/** Hostile and broken input: every file that cannot be handled is a located invalid-config finding, never a crash. */
import { useScratch, type Files } from './helpers/project.js';
import { TextIndex } from '../src/parse/text-index.js';
import { parseYaml } from '../src/parse/yaml.js';
import { parseJsonc } from '../src/parse/jsonc.js';
import { get, items, str } from '../src/parse/tree.js';

const scratch = useScratch('asl-parse-');
const lintFiles = (files: Files, maxFileSize = 1 << 20) => scratch.lint(files, { maxFileSize });

const invalid = (run: Awaited<ReturnType<typeof lintFiles>>) =>
  run.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);

const PRIVILEGED = 'services:\n  a:\n    image: x:1\n    privileged: true\n';

it('each broken format is reported where its parser stopped, and the other files are still linted', async () => {
  const run = await lintFiles({
    'a/devcontainer.json': '{\n  "image": "node:20",\n  "runArgs": [\n}\n',
    'b/compose.yaml': 'services:\n  a:\n    image: [unclosed\n',
    'c/Dockerfile': 'FROM node:20\nFORM oops\n',
    'd/run.sh': '#!/bin/sh\nif true; then\n  echo hi\n',
    'ok/compose.yaml': PRIVILEGED,
  });
  expect(invalid(run)).toEqual(['a/devcontainer.json:4:1 error', 'b/compose.yaml:4:1 error', 'c/Dockerfile:2:1 error', 'd/run.sh:4:1 warning']);
  expect(run.findings.some((f) => f.ruleId === 'privileged-container' && f.file === 'ok/compose.yaml')).toBe(true);
});

it('refuses absurd nesting and alias bombs without blowing the stack or the memory', async () => {
  let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const n of 'bcdefghi') {
    bomb += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = n;
  }
  bomb += 'services:\n  x:\n    image: *i\n';
  let deepYaml = 'services:\n';
  for (let i = 0; i < 1000; i++) deepYaml += `${' '.repeat(i + 1)}k${i}:\n`;
  const run = await lintFiles({
    'json/devcontainer.json': '['.repeat(10000) + ']'.repeat(10000),
    'yaml/compose.yaml': deepYaml,
    'bomb/compose.yaml': bomb,
    'ok/compose.yaml': PRIVILEGED,
  });
  expect(invalid(run).map((s) => s.split(':')[0])).toEqual(['bomb/compose.yaml', 'json/devcontainer.json', 'yaml/compose.yaml']);
  expect(run.findings.some((f) => f.ruleId === 'privileged-container')).toBe(true);
});

it('binary files, NUL bytes and files over the size limit are reported, not skipped', async () => {
  const run = await lintFiles({
    'bin/compose.yaml': Buffer.from([0x73, 0x65, 0x00, 0x01, 0xff]),
    'big/compose.yaml': `${PRIVILEGED}# ${'x'.repeat(3000)}\n`,
    'ok/compose.yaml': PRIVILEGED,
  }, 2000);
  const msgs = run.findings.filter((f) => f.ruleId === 'invalid-config').map((f) => `${f.file}: ${f.message}`);
  expect(msgs).toEqual([
    'big/compose.yaml: The file is 3054 bytes, over the 2000-byte limit (maxFileSize), so it was not checked.',
    'bin/compose.yaml: The file contains NUL bytes (is it binary?), so it was not checked.',
  ]);
});

it('a UTF-8 BOM, CRLF and lone CR line ends keep positions right', async () => {
  const run = await lintFiles({
    'bom/compose.yaml': `\uFEFF${PRIVILEGED}`,
    'crlf/compose.yaml': PRIVILEGED.replace(/\n/g, '\r\n'),
    // A lone CR ends a line in YAML (and a JS string) but not in bash, where it would be one comment line.
    'cr/compose.yaml': PRIVILEGED.replace(/\n/g, '\r'),
    'invalid-utf8/compose.yaml': Buffer.concat([Buffer.from('services:\n  a:\n    image: x:1 # \xff\xfe'), Buffer.from([0xc3, 0x28]), Buffer.from('\n    privileged: true\n')]),
  });
  const at = run.findings.filter((f) => f.ruleId === 'privileged-container').map((f) => `${f.file}:${f.line}:${f.column}`);
  expect(at).toEqual(['bom/compose.yaml:4:17', 'cr/compose.yaml:4:17', 'crlf/compose.yaml:4:17', 'invalid-utf8/compose.yaml:4:17']);
});

it('compose merge keys and aliases resolve, and the later key wins', () => {
  const tree = parseYaml(new TextIndex('c.yaml', 'x: &base\n  user: root\n  image: a:1\ns:\n  <<: *base\n  image: b:2\n'));
  const s = get(tree, 's');
  expect(str(get(s, 'user'))).toBe('root');
  expect(str(get(s, 'image'))).toBe('b:2');
  expect(get(s, 'user')!.loc.start).toEqual({ line: 2, column: 9 });
});

it('JSONC allows comments and trailing commas; strict JSON does not', () => {
  const text = '{\n  // c\n  "a": [1,],\n}\n';
  expect(items(get(parseJsonc(new TextIndex('x.json', text)), 'a')).length).toBe(1);
  expect(() => parseJsonc(new TextIndex('x.json', text), { strict: true })).toThrow(/Syntax error/);
});

it('a shell word holding an expansion anywhere inside a string is dynamic; a plain one is not', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const words = (script: string) => parseShell(new TextIndex('x.sh', script)).commands[0].words.slice(1).map((w) => `${w.text}${w.dynamic ? ' (dynamic)' : ''}`);
  expect(words('echo "plain" \'$raw\' "$HOME/x" "${A:-$(pwd)}" "$((1 + 2))" "a`id`b" "\\$NOT"\n')).toEqual([
    'plain',
    '$raw',
    '$HOME/x (dynamic)',
    '${A:-$(pwd)} (dynamic)',
    '$((1 + 2)) (dynamic)',
    'a`id`b (dynamic)',
    '$NOT',
  ]);
});
