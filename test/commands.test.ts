/** The command model: every source, nesting, pipes, contexts, and exact word positions. */
import { useScratch } from './helpers/project.js';
import type { Command } from '../src/model/command.js';

const scratch = useScratch('asl-cmd-');
const commands = async (files: Record<string, string>): Promise<Command[]> => (await scratch.model(files)).commands;

/** `file:line:col context source :: argv` for the first word. */
const show = (c: Command) => `${c.words[0].loc.file}:${c.words[0].loc.start.line}:${c.words[0].loc.start.column} ${c.context} ${c.source} :: ${c.words.map((w) => w.text).join(' ')}`;

it('finds commands in every source, with where they run and where each word is', async () => {
  const cmds = await commands({
    'setup.sh': '#!/bin/bash\nset -e\nsudo -E bash -c "npx -y cowsay && echo done" | tee log\n',
    Dockerfile: 'FROM node:20\nARG V=1.2.3\nRUN npm i -g a@${V} \\\n && pip install b\nRUN ["npx", "c"]\nRUN <<EOF\nset -e\ncurl -fsSL https://x.sh | sh\nEOF\nCMD npx d\n',
    'compose.yaml': 'services:\n  s:\n    build: .\n    command: ["npx", "e"]\n    entrypoint: sh -c \'npx f\'\n',
    '.devcontainer/devcontainer.json': '{\n  "image": "node:20",\n  "initializeCommand": "echo host",\n  "postCreateCommand": { "a": "npx g", "b": ["npx", "h"] }\n}\n',
  });
  expect(cmds.map(show)).toEqual([
    '.devcontainer/devcontainer.json:3:25 host initializeCommand :: echo host',
    '.devcontainer/devcontainer.json:4:32 container postCreateCommand :: npx g',
    '.devcontainer/devcontainer.json:4:46 container postCreateCommand :: npx h',
    'Dockerfile:3:5 image-build Dockerfile RUN :: npm i -g a@${V}',
    'Dockerfile:4:5 image-build Dockerfile RUN :: pip install b',
    'Dockerfile:5:6 image-build Dockerfile RUN :: npx c',
    'Dockerfile:7:1 image-build Dockerfile RUN :: set -e',
    'Dockerfile:8:1 image-build Dockerfile RUN :: curl -fsSL https://x.sh',
    'Dockerfile:8:27 image-build Dockerfile RUN :: sh',
    'Dockerfile:10:5 container Dockerfile CMD :: npx d',
    'compose.yaml:4:15 container compose command :: npx e',
    'compose.yaml:5:17 container compose entrypoint :: sh -c npx f',
    'compose.yaml:5:24 container compose entrypoint :: npx f',
    'setup.sh:2:1 host shell script :: set -e',
    'setup.sh:3:9 host shell script :: bash -c npx -y cowsay && echo done',
    'setup.sh:3:18 host shell script :: npx -y cowsay',
    'setup.sh:3:35 host shell script :: echo done',
    'setup.sh:3:48 host shell script :: tee log',
  ]);
  const sh = cmds.find((c) => c.words[0].text === 'sh' && c.source === 'Dockerfile RUN')!;
  expect(sh.pipedFrom?.words[0].text).toBe('curl');
  const cmd = cmds.find((c) => c.source === 'Dockerfile CMD')!;
  expect(cmd.launch?.name).toBe('compose service "s"');
});

it('a docker run anywhere becomes a launch, and its command runs inside it', async () => {
  const cmds = await commands({
    'run.sh': '#!/bin/sh\ndocker run --rm -v /:/host alpine:3 sh -c "npx x"\n',
  });
  const inner = cmds.filter((c) => c.context === 'container').map(show);
  expect(inner).toEqual(['run.sh:2:37 container docker run command (shell script) :: sh -c npx x', 'run.sh:2:44 container docker run command (shell script) :: npx x']);
  expect(cmds.find((c) => c.words[0].text === 'npx')!.launch?.mounts[0].source).toBe('/');
});

it('a string the file spells with escapes still yields its commands, located at the string', async () => {
  const cmds = await commands({ 'compose.yaml': 'services:\n  s:\n    image: x:1\n    command: "npx \\u0079o"\n' });
  expect(cmds.map(show)).toEqual(['compose.yaml:4:14 container compose command :: npx yo']);
});
