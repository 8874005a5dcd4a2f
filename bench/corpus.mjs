// A synthetic but realistic corpus: many small "projects", each laid out like a real repo that runs an agent in a
// container. Deterministic for a given (count, seed), so runs and machines compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a tiny seeded PRNG, so the corpus is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = ['node:20-slim', 'python:3.12-slim', 'mcr.microsoft.com/devcontainers/base:ubuntu', 'ghcr.io/acme/agent:1.4.2', 'debian:bookworm', 'golang:1.23', 'redis:7', 'postgres:16'];
const MOUNTS = ['${localEnv:HOME}/.aws:/home/node/.aws:ro', '/var/run/docker.sock:/var/run/docker.sock', '${localWorkspaceFolder}/.env:/workspace/.env', 'node_modules:/workspace/node_modules', '${localEnv:HOME}/.gitconfig:/home/node/.gitconfig:ro'];
const FLAGS = ['--cap-drop=ALL', '--security-opt no-new-privileges', '--read-only', '--memory 2g', '--pids-limit 256', '--user 1000:1000', '--network host', '--privileged', '--cap-add SYS_ADMIN', '-e GH_TOKEN', '--env-file .env', '--tmpfs /tmp', '-v "$HOME/.ssh:/root/.ssh:ro"', '--device /dev/fuse'];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}
function some(r, list, p) {
  return list.filter(() => r() < p);
}

function devcontainer(r, i, withCompose) {
  const lines = ['// Dev container for the coding agent', '{', `  "name": "agent-${i}",`];
  if (withCompose) lines.push('  "dockerComposeFile": ["compose.yaml"],', '  "service": "agent",', '  "workspaceFolder": "/workspace",');
  else lines.push('  "build": { "dockerfile": "Dockerfile", "context": ".." },');
  lines.push(`  "runArgs": [${some(r, ['--cap-drop=ALL', '--security-opt=no-new-privileges', '--privileged', '--network=host', '--memory=4g'], 0.4).map((f) => JSON.stringify(f)).join(', ')}],`);
  lines.push(`  "mounts": [${some(r, MOUNTS, 0.3).map((m) => JSON.stringify(m.replace(/^([^:]+):([^:]+).*/, 'source=$1,target=$2,type=bind'))).join(',\n    ')}],`);
  lines.push('  "features": {', '    "ghcr.io/devcontainers/features/node:1": {},', r() < 0.2 ? '    "ghcr.io/devcontainers/features/docker-in-docker:2": {},' : '    "ghcr.io/devcontainers/features/github-cli:1": {},', '  },');
  lines.push('  "containerEnv": {', `    "NODE_ENV": "development",`, r() < 0.1 ? '    "OPENAI_API_KEY": "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD",' : '    "TZ": "UTC",', '  },');
  lines.push('  "customizations": { "vscode": { "extensions": ["dbaeumer.vscode-eslint", "esbenp.prettier-vscode"], "settings": { "editor.formatOnSave": true } } },');
  lines.push('  "postCreateCommand": "npm ci && npx playwright install",', `  "remoteUser": "${r() < 0.5 ? 'node' : 'root'}"`, '}');
  return `${lines.join('\n')}\n`;
}

function compose(r, i) {
  const out = ['x-common: &common', '  restart: unless-stopped', '  logging:', '    driver: json-file', '    options:', '      max-size: 10m', '', 'services:', '  agent:', '    <<: *common', '    build:', '      context: ..', '      dockerfile: .devcontainer/Dockerfile'];
  out.push(`    image: ${pick(r, IMAGES)}`, '    command: sleep infinity', '    volumes:', '      - ..:/workspace:cached');
  for (const m of some(r, MOUNTS, 0.3)) if (!m.includes('${')) out.push(`      - ${m}`);
  if (r() < 0.5) out.push('    cap_drop: [ALL]');
  if (r() < 0.2) out.push('    cap_add: [NET_ADMIN]');
  if (r() < 0.1) out.push('    privileged: true');
  if (r() < 0.4) out.push('    security_opt:', '      - no-new-privileges:true');
  out.push('    environment:', '      - NODE_ENV=development', '      - GH_TOKEN', `      - PORT=${3000 + (i % 100)}`);
  out.push('    depends_on: [db, cache]');
  out.push('  db:', '    <<: *common', `    image: postgres:16`, '    environment:', '      POSTGRES_PASSWORD: postgres', '    volumes:', '      - pgdata:/var/lib/postgresql/data');
  out.push('  cache:', '    <<: *common', '    image: redis:7-alpine', '    mem_limit: 256m');
  out.push('volumes:', '  pgdata: {}');
  return `${out.join('\n')}\n`;
}

function dockerfile(r) {
  const base = pick(r, IMAGES);
  const out = [`# syntax=docker/dockerfile:1`, `FROM ${base} AS build`, 'ARG DEBIAN_FRONTEND=noninteractive', 'WORKDIR /src'];
  out.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends git curl ca-certificates jq ripgrep \\', '    && rm -rf /var/lib/apt/lists/*');
  out.push('COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build');
  out.push(`FROM ${base}`, 'ENV NODE_ENV=production PATH=/app/node_modules/.bin:$PATH');
  if (r() < 0.2) out.push('RUN curl -fsSL https://example.com/install.sh | sh');
  out.push('COPY --from=build /src/dist /app/dist', 'WORKDIR /app', 'EXPOSE 3000');
  if (r() < 0.6) out.push('USER node');
  out.push('HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1', 'ENTRYPOINT ["node", "dist/server.js"]');
  return `${out.join('\n')}\n`;
}

function script(r, i, withDocker) {
  const out = ['#!/usr/bin/env bash', '# Starts the coding agent in a container.', 'set -euo pipefail', '', 'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"', 'IMAGE="${IMAGE:-ghcr.io/acme/agent:1.4.2}"', ''];
  out.push('usage() {', '  echo "usage: $0 [--shell] [task]" >&2', '  exit 2', '}', '', 'for arg in "$@"; do', '  case "$arg" in', '    -h|--help) usage ;;', '    --shell) SHELL_MODE=1 ;;', '  esac', 'done', '');
  if (withDocker) {
    out.push('docker run --rm -it \\', `  --name agent-${i} \\`);
    for (const f of some(r, FLAGS, 0.3)) out.push(`  ${f} \\`);
    out.push('  -v "$PWD:/workspace" -w /workspace \\', '  "$IMAGE" "$@"');
  } else {
    out.push('if command -v npm >/dev/null; then', '  npm ci', '  npm test -- --runInBand', 'fi', 'git status --short | while read -r line; do', '  echo "changed: $line"', 'done');
  }
  return `${out.join('\n')}\n`;
}

function claudeSettings(r) {
  const allow = ['Bash(npm run test:*)', 'Bash(git diff:*)', 'Read(./src/**)', 'Edit(./src/**)'];
  if (r() < 0.2) allow.push('Bash(docker run:*)');
  return `${JSON.stringify({ permissions: { allow, deny: ['Read(./.env)', 'Read(~/.aws/**)'] }, env: { DISABLE_TELEMETRY: '1' } }, null, 2)}\n`;
}

function mcp() {
  return `${JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } }, fs: { command: 'node', args: ['./tools/fs-server.js'] } } }, null, 2)}\n`;
}

/** One project: 10 linted files (and 5 files a real repo has around them, which discovery must walk past). */
function project(r, i) {
  const withCompose = r() < 0.5;
  return {
    '.devcontainer/devcontainer.json': devcontainer(r, i, withCompose),
    '.devcontainer/compose.yaml': compose(r, i),
    '.devcontainer/Dockerfile': dockerfile(r),
    'docker-compose.yml': compose(r, i + 1),
    'docker/Dockerfile.prod': dockerfile(r),
    'scripts/run-agent.sh': script(r, i, true),
    'scripts/setup.sh': script(r, i, false),
    'bin/agent': script(r, i, true),
    '.claude/settings.json': claudeSettings(r),
    '.mcp.json': mcp(),
    // Not linted: walked past.
    'README.md': `# project ${i}\n\nRun \`scripts/run-agent.sh\`.\n`,
    'src/index.ts': `export const answer = ${i};\n`,
    'package.json': `${JSON.stringify({ name: `p${i}`, version: '1.0.0', scripts: { test: 'node --test' } }, null, 2)}\n`,
    LICENSE: 'MIT License\n\nCopyright (c) 2026\n',
    Makefile: 'test:\n\tnpm test\n',
  };
}

export const LINTED_PER_PROJECT = 10;

/** Writes `count` linted files (count / 10 projects) under `dir`; returns the list of files by kind. */
export function generateCorpus(dir, count, seed = 1) {
  const r = rng(seed);
  const projects = Math.max(1, Math.round(count / LINTED_PER_PROJECT));
  const byKind = { compose: [], dockerfile: [], all: 0 };
  for (let i = 0; i < projects; i++) {
    const pdir = path.join(dir, `group-${Math.floor(i / 50)}`, `project-${i}`);
    for (const [rel, text] of Object.entries(project(r, i))) {
      const abs = path.join(pdir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      if (/compose\.ya?ml$/.test(rel)) byKind.compose.push(abs);
      if (/Dockerfile/.test(rel)) byKind.dockerfile.push(abs);
    }
    byKind.all += LINTED_PER_PROJECT;
  }
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndist/\n');
  return byKind;
}
