/**
 * The seed articles' own examples, with every rule on: the full list of findings each must produce.
 * (The fixtures check one rule at a time; this checks that nothing else fires. Seed commands used by several
 * rules, like Anthropic's hardened `docker run` and the guide's basic run, live here only: one copy, checked
 * against all rules at once.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint } from '../src/lint.js';
import { defaultConfig } from '../src/config.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'asl-seeds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function findings(name: string, text: string): Promise<string[]> {
  writeFileSync(path.join(dir, name), text);
  const run = await lint({ paths: [name], cwd: dir, config: defaultConfig(dir), inlineSuppressions: true });
  return run.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
}

it("Anthropic's hardened docker run has no container-isolation finding, only its untagged image", async () => {
  const script = `#!/bin/sh
docker run \\
  --cap-drop ALL \\
  --security-opt no-new-privileges \\
  --security-opt seccomp=/path/to/seccomp-profile.json \\
  --read-only \\
  --tmpfs /tmp:rw,noexec,nosuid,size=100m \\
  --tmpfs /home/agent:rw,noexec,nosuid,size=500m \\
  --network none \\
  --memory 2g \\
  --cpus 2 \\
  --pids-limit 100 \\
  --user 1000:1000 \\
  -v /path/to/code:/workspace:ro \\
  -v /var/run/proxy.sock:/var/run/proxy.sock:ro \\
  agent-image
`;
  expect(await findings('anthropic-hardened.sh', script)).toEqual(['16:3 warning unpinned-image']);
});

it("the enterprise checklist's bad example", async () => {
  // Nothing shows an agent in this container, so its hardening gaps are not reported; the open doors are.
  expect(await findings('bad.sh', '#!/bin/sh\ndocker run -v /:/mnt/ --privileged -it debian:bookworm "/bin/bash"\n')).toEqual([
    '2:15 error sensitive-host-mount',
    '2:23 error privileged-container',
    '2:40 note unpinned-image',
  ]);
});

it("the sandbox guide's OAuth compose example: hardened capabilities, a read-only agent login, open egress", async () => {
  const compose = `version: '3.8'
services:
  claude-code:
    image: node:20-slim
    environment:
      - HOME=/home/node
    volumes:
      - ~/.claude:/home/node/.claude:ro
      - ./src:/workspace/src
      - ./docs:/workspace/docs:ro
    working_dir: /workspace
    user: "\${UID}:\${GID}"
    cap_drop:
      - ALL
    security_opt:
      - no-new-privileges:true
    command: npx @anthropic-ai/claude-code
`;
  expect(await findings('docker-compose.yml', compose)).toEqual([
    '3:3 warning network-egress-unrestricted',
    '3:3 note resource-limits-missing',
    '3:3 note writable-root-filesystem',
    '4:12 note unpinned-image',
    '8:9 note host-credentials-mount',
    '17:18 warning unpinned-npx',
  ]);
});

it("the sandbox guide's basic Claude Code run: continued lines, the package after the image, the writable workspace", async () => {
  const script = `#!/bin/bash
# From the sandbox guide.
docker run -it --rm \\
  -e ANTHROPIC_API_KEY="\${ANTHROPIC_API_KEY}" \\
  -v $(pwd):/workspace \\
  -w /workspace \\
  --user $(id -u):$(id -g) \\
  node:20-slim \\
  npx @anthropic-ai/claude-code
`;
  expect(await findings('basic.sh', script)).toEqual([
    '3:1 warning cap-drop-all-missing',
    '3:1 warning network-egress-unrestricted',
    '3:1 warning no-new-privileges-missing',
    '3:1 note resource-limits-missing',
    '3:1 note writable-root-filesystem',
    // The agent's own key, passed the documented way: a note (it is still a secret the agent can read).
    '4:6 note host-secret-passthrough',
    '5:6 note host-exec-path-writable',
    '8:3 note unpinned-image',
    '9:7 warning unpinned-npx',
  ]);
});

it("the sandbox guide's Kiro run with AWS credentials", async () => {
  const script = `#!/bin/bash
docker run -it --rm \\
  -e HOME=/home/node \\
  -v ~/.kiro:/home/node/.kiro:ro \\
  -v ~/.aws:/home/node/.aws:ro \\
  -v $(pwd):/workspace \\
  -w /workspace \\
  --user $(id -u):$(id -g) \\
  --cap-drop ALL \\
  node:20-slim \\
  npx kiro-cli
`;
  expect(await findings('kiro.sh', script)).toEqual([
    '2:1 warning network-egress-unrestricted',
    '2:1 warning no-new-privileges-missing',
    '2:1 note resource-limits-missing',
    '2:1 note writable-root-filesystem',
    '4:6 note host-credentials-mount',
    '5:6 error host-credentials-mount',
    '6:6 note host-exec-path-writable',
    '10:3 note unpinned-image',
    '11:7 warning unpinned-npx',
  ]);
});

it("the sandbox guide's pinned npx and its Dockerfile's unpinned global install", async () => {
  const pinned = await findings('pinned.sh', '#!/bin/sh\nnpx @anthropic-ai/claude-code@1.0.0\n');
  expect(pinned.filter((f) => f.endsWith('unpinned-npx'))).toEqual([]);
  expect(pinned).toContain('2:5 warning agent-version-vulnerable');
  const dockerfile = `FROM node:20-slim
WORKDIR /workspace
RUN npm install -g @anthropic-ai/claude-code
RUN groupadd -g 1000 developer && \\
    useradd -u 1000 -g developer -m developer
USER developer
CMD ["claude-code"]
`;
  expect(await findings('Dockerfile', dockerfile)).toEqual(['1:6 note unpinned-image', '3:20 warning unpinned-package-install']);
});
