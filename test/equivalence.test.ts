/** One launch written three ways (devcontainer, compose, docker run) is one model: the rules cannot tell them apart. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discover } from '../src/discover.js';
import { loadProject } from '../src/load.js';
import type { ContainerLaunch } from '../src/model/launch.js';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';

const FILES = {
  'devcontainer.json': `{
  "image": "node:20-slim",
  "runArgs": ["--privileged", "--cap-drop=ALL", "--cap-add", "SYS_PTRACE", "--security-opt", "seccomp=unconfined",
              "--network=host", "--read-only", "--memory=2g", "--pids-limit=100", "--user=1000:1000",
              "-v", "\${localEnv:HOME}/.aws:/home/node/.aws:ro", "--env", "GH_TOKEN", "--device=/dev/fuse"],
  "workspaceMount": "source=\${localWorkspaceFolder},target=/workspace,type=bind,readonly"
}`,
  'compose.yaml': `services:
  agent:
    image: node:20-slim
    privileged: true
    cap_drop: [ALL]
    cap_add: [SYS_PTRACE]
    security_opt: [seccomp=unconfined]
    network_mode: host
    read_only: true
    mem_limit: 2g
    pids_limit: 100
    user: "1000:1000"
    volumes:
      - \${HOME}/.aws:/home/node/.aws:ro
      - \${localWorkspaceFolder}:/workspace:ro
    environment:
      - GH_TOKEN
    devices:
      - /dev/fuse
`,
  'run.sh': `#!/bin/sh
docker run --privileged --cap-drop ALL --cap-add=SYS_PTRACE --security-opt seccomp=unconfined \\
  --net host --read-only -m 2g --pids-limit 100 -u 1000:1000 \\
  -v ~/.aws:/home/node/.aws:ro --mount type=bind,source=\${localWorkspaceFolder},target=/workspace,readonly \\
  -e GH_TOKEN --device /dev/fuse node:20-slim
`,
};

/** What a rule can see of a launch, without where it was written. */
function essence(l: ContainerLaunch) {
  const v = (xs: { value: unknown }[]) => xs.map((x) => x.value);
  return {
    image: l.image?.value,
    privileged: l.privileged.length > 0,
    capAdd: v(l.capAdd),
    capDrop: v(l.capDrop),
    securityOpt: v(l.securityOpt),
    user: l.user?.value,
    readOnly: l.readOnly?.value,
    namespaces: Object.fromEntries(Object.entries(l.namespaces).map(([k, x]) => [k, x!.value])),
    mounts: l.mounts.map((m) => ({ target: m.target, readOnly: m.readOnly, type: m.type, home: m.source?.replace(/^(~|\$\{HOME\}|\$\{localEnv:HOME\})/, '~') })),
    env: l.env.map((e) => ({ name: e.name, hostVar: e.hostVar, value: e.value })),
    devices: v(l.devices),
    limits: [!!l.memoryLimit, !!l.pidsLimit],
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'asl-eq-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('devcontainer, compose and docker run give equal launches', async () => {
  const { candidates } = await discover([dir], dir);
  const model = await loadProject(candidates, { cwd: dir, roots: [dir], maxFileSize: 1 << 20 });
  expect(model.launches.map((l) => l.source).sort()).toEqual(['compose', 'devcontainer', 'docker-run']);
  const [a, b, c] = model.launches.map(essence);
  expect(b).toEqual(a);
  expect(c).toEqual(a);
});

it('and the same rules fire on each of them', async () => {
  // Only the devcontainer is an agent's container by itself; judging every container compares the formats alone.
  const run = await lint({ paths: ['.'], cwd: dir, config: { ...defaultConfig(dir), hardening: 'all-containers' }, inlineSuppressions: true });
  const byFile = (file: string) => [...new Set(run.findings.filter((f) => f.file === file).map((f) => f.ruleId))].sort();
  expect(byFile('compose.yaml')).toEqual(byFile('devcontainer.json'));
  expect(byFile('run.sh')).toEqual(byFile('devcontainer.json'));
  expect(byFile('run.sh')).toEqual(
    ['dangerous-capability', 'device-access', 'host-credentials-mount', 'host-namespace', 'host-secret-passthrough', 'no-new-privileges-missing', 'privileged-container', 'security-profile-disabled', 'unpinned-image'],
  );
});
