/** The command model: every source, nesting, pipes, contexts, and exact word positions. */
import { useScratch } from './helpers/project.js';
import type { Command } from '../src/model/command.js';
import { installedPackages, isPinned, isToolchainSelfUpgrade } from '../src/model/packages.js';
import { movingUrl } from '../src/model/downloads.js';

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

describe('installs and downloads (unpinned-package-install)', () => {
  /** `tool name@version pinned|unpinned|exempt` for every package each command installs. */
  const installs = async (dockerfile: string): Promise<string[]> =>
    (await commands({ Dockerfile: dockerfile })).flatMap((c) =>
      installedPackages(c).map((p) => `${p.tool} ${p.name}${p.version === undefined ? '' : `@${p.version}`} ${p.unknown ? 'unknown' : isToolchainSelfUpgrade(p) ? 'exempt' : isPinned(p) ? 'pinned' : 'unpinned'}`),
    );

  it('reads go, cargo, gem and deno installs, after && and behind VAR=x', async () => {
    expect(
      await installs(
        'FROM golang:1\nARG V\nRUN CGO_ENABLED=0 go install github.com/a/b@latest && GOBIN=/x go install -ldflags "-s -w" golang.org/x/tools/gopls@v0.16.2 && go install x.io/y@3f2a9c1 && go install ./cmd/z && go install x.io/w@$V\n' +
          'RUN cargo install rg && cargo +nightly install fd --version 9.0.0 && cargo install bat@0.24.0 && cargo install --git https://g/x --rev abcdef1 && cargo install --path .\n' +
          'RUN gem install bundler && gem install rails -v 7.1 && gem install rake:13.0.6 && gem install x -v "~> 2" && gem install ./l.gem\n' +
          'RUN deno install -g -A jsr:@std/http/file-server && deno install -g jsr:@std/http@1.0.9/file-server && deno install -g npm:cowsay@1.6.0\n',
      ),
    ).toEqual([
      'go install github.com/a/b@latest unpinned',
      'go install golang.org/x/tools/gopls@v0.16.2 pinned',
      'go install x.io/y@3f2a9c1 pinned',
      'go install x.io/w@$V unknown',
      'cargo install rg unpinned',
      'cargo install fd@9.0.0 pinned',
      'cargo install bat@0.24.0 pinned',
      'cargo install https://g/x@abcdef1 pinned',
      'gem install bundler unpinned',
      'gem install rails@7.1 pinned',
      'gem install rake@13.0.6 pinned',
      'gem install x@~> 2 unpinned',
      'deno install jsr:@std/http unpinned',
      'deno install jsr:@std/http@1.0.9 pinned',
      'deno install npm:cowsay@1.6.0 pinned',
    ]);
  });

  it('the installer upgrading itself is exempt, the packages beside it are not; an empty ARG default is the build\'s', async () => {
    expect(await installs('FROM python:3\nARG CC=""\nRUN pip install -U pip setuptools wheel poetry && npm i -g npm@latest yarn && npm i -g x@$CC\n')).toEqual([
      'pip install pip exempt',
      'pip install setuptools exempt',
      'pip install wheel exempt',
      'pip install poetry unpinned',
      'npm i -g npm@latest exempt',
      'npm i -g yarn unpinned',
      'npm i -g x@$CC unknown',
    ]);
  });

  it('one finding per install command, at its first package; Python installs are notes', async () => {
    const run = await scratch.lint({
      Dockerfile: 'FROM python:3\nRUN pip install \\\n  a \\\n  b==1.0.0 \\\n  c\nRUN npm install -g x y@latest z@1.2.3\n',
    });
    const found = run.findings.filter((f) => f.ruleId === 'unpinned-package-install').map((f) => `${f.line}:${f.column} ${f.severity} ${f.message.split(' (')[0]}`);
    expect(found).toEqual(['3:3 note pip install installs a and c without exact versions', '6:20 warning npm install -g installs x and y@latest without exact versions']);
  });

  it('tells moving URLs from pinned ones', () => {
    const moving = [
      'https://github.com/o/r/releases/latest/download/tool-linux',
      'https://raw.githubusercontent.com/o/r/main/install',
      'https://raw.githubusercontent.com/o/r/refs/heads/master/bin/x',
      'https://github.com/o/r/archive/refs/heads/main.tar.gz',
      'https://gitlab.com/g/p/-/raw/master/x.sh',
      'https://wordpress.org/latest.tar.gz',
      'https://dl.k8s.io/release/$(curl -Ls https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl',
    ];
    const fixed = [
      'https://github.com/o/r/releases/download/v1.2.3/tool-linux',
      'https://raw.githubusercontent.com/o/r/v0.40.1/install.sh',
      'https://raw.githubusercontent.com/o/r/3f2a9c1d0b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a/x',
      'https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Release',
      'https://example.com/downloads/latest/tool-1.4.0-linux.tar.gz',
      'https://raw.githubusercontent.com/o/r/${BRANCH}/x',
    ];
    expect(moving.filter((u) => !movingUrl(u))).toEqual([]);
    expect(fixed.filter((u) => movingUrl(u))).toEqual([]);
  });
});
