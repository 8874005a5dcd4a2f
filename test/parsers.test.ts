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
  expect(invalid(run)).toEqual(['a/devcontainer.json:4:1 error', 'b/compose.yaml:4:1 error', 'c/Dockerfile:2:1 error', 'd/run.sh:4:1 note']);
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
    // The default is what the word holds when the script never assigns A.
    '$(pwd) (dynamic)',
    '$((1 + 2)) (dynamic)',
    'a`id`b (dynamic)',
    '$NOT',
  ]);
});

describe('shell constant propagation', () => {
  const run = async (script: string) => {
    const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
    await loadShellParser();
    return parseShell(new TextIndex('x.sh', script)).commands;
  };
  const last = async (script: string) => (await run(script)).at(-1)!.words.map((w) => `${w.text}@${w.loc.start.line}:${w.loc.start.column}${w.spread ? ' (spread)' : w.dynamic ? ' (dynamic)' : ''}`);

  it('expands arrays (every branch), scalars, defaults and the program word, each word placed where it was written', async () => {
    const script = [
      'DOCKER=podman',
      'args=(--rm -it)',
      'if [ -n "$X" ]; then args+=(--cap-add NET_ADMIN); fi',
      'IMG="${IMAGE:-box:latest}"',
      'OPTS="-e A=1 -e B=2"',
      '"$DOCKER" run "${args[@]}" $OPTS "${unknown[@]}" "$IMG" "$HOME/x:${IMG}"',
    ].join('\n');
    expect(await last(script)).toEqual([
      'podman@1:8', 'run@6:11', '--rm@2:7', '-it@2:12', '--cap-add@3:29', 'NET_ADMIN@3:39',
      '-e@5:6', 'A=1@5:6', '-e@5:6', 'B=2@5:6', '${unknown[@]}@6:34 (spread)', 'box:latest@4:15', '$HOME/x:box:latest@6:57 (dynamic)',
    ]);
  });

  it('keeps unknown scalars as one dynamic word and unknown lists as spread words', async () => {
    expect(await last('docker run $EXTRA_ARGS "$IMAGE" ${FLAGS}\n')).toEqual(['docker@1:1', 'run@1:8', '$EXTRA_ARGS@1:12 (spread)', '$IMAGE@1:24 (dynamic)', '${FLAGS}@1:33 (spread)']);
  });

  it('a self-referencing or exponentially growing script stays within the budget', async () => {
    const { EXPANSION_BUDGET } = await import('../src/parse/shell-values.js');
    const lines = ['a0=(x x x x x x x x)'];
    for (let i = 1; i < 40; i++) lines.push(`a${i}=(${Array(8).fill(`"\${a${i - 1}[@]}"`).join(' ')})`);
    lines.push('s0=xxxxxxxx');
    for (let i = 1; i < 40; i++) lines.push(`s${i}="${Array(8).fill(`$s${i - 1}`).join('')}"`);
    lines.push('self=("${self[@]}" more)');
    lines.push('echo "${a39[@]}" "$s39" "${self[@]}"');
    const words = (await run(lines.join('\n'))).at(-1)!.words;
    expect(words.length).toBeLessThanOrEqual(4 * EXPANSION_BUDGET.elements);
    expect(words.every((w) => w.text.length <= 2 * EXPANSION_BUDGET.length)).toBe(true);
  });
});

it('words that touch are one word, also where tree-sitter-bash splits them (`"$P":/home/$U/x` in an array or a command)', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const script = 'args+=(\n  -v "$P":/home/$U/.box\n)\ndocker run "${args[@]}" -v "$Q":/root/$U/.x img\n';
  expect(parseShell(new TextIndex('x.sh', script)).commands.at(-1)!.words.map((w) => w.text)).toEqual(['docker', 'run', '-v', '$P:/home/$U/.box', '-v', '$Q:/root/$U/.x', 'img']);
});

it('a self-referencing assignment reads the value written before it (DOCKER="${DOCKER:-docker}", OPTS="$OPTS --x")', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const script = [
    'DOCKER="${DOCKER:-docker}"',
    'OPTS=""',
    'if [ -n "$M" ]; then OPTS="$OPTS --memory $M"; fi',
    'OPTS="$OPTS --add-host=h:host-gateway"',
    'args=(--rm)',
    'args=("${args[@]}" -it)',
    '"$DOCKER" run $OPTS "${args[@]}" img',
  ].join('\n');
  const w = parseShell(new TextIndex('x.sh', `${script}\n`)).commands.at(-1)!.words.map((x) => `${x.text}${x.dynamic ? ' (dynamic)' : ''}`);
  expect(w).toEqual(['docker', 'run', '--memory', '$M (dynamic)', '--add-host=h:host-gateway', '--rm', '-it', 'img']);
});

it('${args[@]+"${args[@]}"} and ${X:+--flag} stand for their alternative when set, and for unknown words when not', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const script = 'tty=(-it)\nV=1\ncmd=(docker run ${tty[@]+"${tty[@]}"} ${other[@]+"${other[@]}"} ${V:+--rm} img)\n"${cmd[@]}"\n';
  const w = parseShell(new TextIndex('x.sh', script)).commands.at(-1)!.words.map((x) => `${x.text}${x.spread ? ' (spread)' : ''}`);
  expect(w).toEqual(['docker', 'run', '-it', '${other[@]+"${other[@]}"} (spread)', '--rm', 'img']);
});

it('a variable the script also sets at run time (read, for, mapfile, printf -v, getopts) has no known value', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const script = 'IFS=$\'\\t\' read -r mem pids <<< "$cfg"\n[[ "$mem" == "_" ]] && mem=""\nfor img in a b; do :; done\nimg=fixed\ndocker run --memory "$mem" "$img"\n';
  const w = parseShell(new TextIndex('x.sh', script)).commands.at(-1)!.words.map((x) => `${x.text}${x.dynamic ? ' (dynamic)' : ''}`);
  expect(w).toEqual(['docker', 'run', '--memory', '$mem (dynamic)', '$img (dynamic)']);
});

it('an append inside a for loop adds its elements once per value of the loop variable', async () => {
  const { loadShellParser, parseShell } = await import('../src/parse/shell.js');
  await loadShellParser();
  const script = 'VARS=(GH_TOKEN AWS_SECRET_ACCESS_KEY)\nargs=()\nfor v in "${VARS[@]}" NPM_TOKEN; do\n  args+=(-e "$v")\ndone\nfor u in "${unknown[@]}"; do args+=(-v "$u:/x"); done\ndocker run "${args[@]}" img\n';
  const w = parseShell(new TextIndex('x.sh', script)).commands.at(-1)!.words.map((x) => `${x.text}@${x.loc.start.line}`);
  expect(w).toEqual(['docker@7', 'run@7', '-e@4', 'GH_TOKEN@1', '-e@4', 'AWS_SECRET_ACCESS_KEY@1', '-e@4', 'NPM_TOKEN@3', '-v@6', '$u:/x@6', 'img@7']);
});
