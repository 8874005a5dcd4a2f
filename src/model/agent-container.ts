/**
 * Which containers are the agent's. The hardening-gap rules judge only these by default (config
 * `hardening: all-containers` judges every container); the always-dangerous rules judge every container.
 *
 * Evidence, in order (the README's "Which container is the agent's" lists the same):
 * - not an agent: a one-shot utility run (`docker run --rm img --version`, `alpine ls /data`), a known service
 *   image (postgres, redis, nginx, litellm …), a sidecar named as a proxy, firewall or dashboard, unless its own
 *   command runs an agent;
 * - an agent: a dev container (IDE agents run there; the compose service a devcontainer selects is joined into
 *   it), an agent CLI run or installed by its command, entrypoint or built Dockerfile (package managers, native
 *   installers such as `curl -fsSL https://claude.ai/install.sh | bash`), an agent devcontainer feature, an agent
 *   image, a mount of an agent's login folder; for a dev container, an agent's project files in the same folder
 *   (`.claude/`, `.mcp.json`, `.codex/`, `.gemini/`, `opencode.json` …).
 * Anything else is not judged as an agent's container.
 */
import type { Command } from './command.js';
import type { DockerfileDoc } from '../parse/dockerfile.js';
import type { ContainerLaunch } from './launch.js';
import type { ProjectModel } from './project.js';
import { basename } from './argv.js';
import { agentLogin } from './host-paths.js';
import { installedPackages, runnerPackages } from './packages.js';
import { localServiceImage } from './secrets.js';
import { imageName } from './local-images.js';
import { anchorDir } from '../shard.js';
import type { FileKind } from '../types.js';

export type HardeningScope = 'agent-containers' | 'all-containers';

export interface AgentVerdict {
  agent: boolean;
  /**
   * An agent is seen in it (its CLI, package, installer, feature, extension, image or login), not only
   * presumed because it is a dev container: the rules about what an agent does there (egress) need this.
   */
  seen: boolean;
  /** Why, for messages: `its command runs claude`, `postgres is a service image`. */
  why: string;
}

/** Agent CLIs in command position. `goose` (also a migration tool) and `amp` are matched only by package. */
const AGENT_BINARIES = new Set(['claude', 'codex', 'gemini', 'aider', 'opencode', 'cursor-agent', 'qwen', 'kiro-cli', 'copilot', 'crush', 'cline', 'kilocode', 'auggie', 'droid']);
const AGENT_PACKAGES = /^(?:@anthropic-ai\/claude-code|@openai\/codex|@google\/gemini-cli|@qwen-code\/qwen-code|@sourcegraph\/amp|@github\/copilot|opencode-ai|@charmland\/crush|cline|@kilocode\/cli|@augmentcode\/auggie|aider-chat|aider-install|goose-ai|kiro-cli)$/;
/** Native installers fetched with curl or wget. */
const AGENT_INSTALLERS = /\b(?:claude\.ai\/install|opencode\.ai\/install|cursor\.com\/install|block\/goose\/releases\/download\/[^/\s]+\/download_cli|app\.factory\.ai\/cli|aider\.chat\/install)/;
const AGENT_FEATURE = /claude-code|codex|gemini-cli|aider|opencode|copilot-cli|kiro/;
/** VS Code extensions that are coding agents (publisher.name, compared in lower case). */
const AGENT_EXTENSIONS = new Set([
  'anthropic.claude-code', 'saoudrizwan.claude-dev', 'rooveterinaryinc.roo-cline', 'kilocode.kilo-code', 'openai.chatgpt', 'github.copilot',
  'github.copilot-chat', 'google.geminicodeassist', 'continue.continue', 'amazonwebservices.amazon-q-vscode', 'sourcegraph.amp', 'augment.vscode-augment',
]);
/** AI agents only: monitoring "agents" (datadog/agent, grafana/agent, portainer/agent) are not. */
const AGENT_IMAGE = /claude|codex|aider|gemini-cli|opencode|openhands|kiro|cline|(?:ai|coding|llm)[-_]?agent|agent[-_]?(?:image|sandbox|box)/i;

/** Settings only an agent reads (Claude Code's own variables). */
const AGENT_ENV = /^(?:CLAUDE_CONFIG_DIR|CLAUDE_CODE_[A-Z_]+|CODEX_HOME|GEMINI_CLI_[A-Z_]+)$/;

/** Service images beyond the local data stores of secrets.ts: proxies, gateways, dashboards, model servers. */
const SERVICE_IMAGES = new Set([
  'qdrant', 'chromadb', 'chroma', 'weaviate', 'milvus', 'meilisearch', 'typesense', 'kafka', 'zookeeper', 'nats', 'localstack', 'litellm',
  'ollama', 'nginx', 'httpd', 'caddy', 'traefik', 'envoy', 'haproxy', 'squid', 'tinyproxy', 'mitmproxy', 'prometheus', 'jaeger',
  'all-in-one', 'otel-collector', 'opentelemetry-collector', 'opentelemetry-collector-contrib', 'loki', 'mailhog', 'mailpit', 'registry',
  'vault', 'consul', 'phpmyadmin', 'redisinsight', 'selenium', 'standalone-chrome', 'azurite', 'dynamodb-local', 'etcd',
]);
const SIDECAR_NAME = /(?:^|[-_])(?:proxy|firewall|egress|squid|dashboard|monitor|db|database|postgres|redis|cache|mailhog|adminer)(?:$|[-_])/i;
/** Programs a one-shot utility run starts: it copies, lists or prints and exits. */
const UTILITIES = new Set(['ls', 'cat', 'echo', 'true', 'false', 'chown', 'chmod', 'cp', 'mv', 'tar', 'rm', 'mkdir', 'touch', 'id', 'whoami', 'env', 'printenv', 'sleep', 'stat', 'du', 'df', 'find', 'rsync', 'sha256sum', 'uname', 'date']);
const ONE_SHOT_ARGS = new Set(['--version', '-v', '-V', 'version', '--help', '-h', 'help']);
/** What an agent CLI does once and exits: sign in, print, update. */
const AGENT_ONE_SHOT = new Set([...ONE_SHOT_ARGS, 'login', 'logout', 'auth', 'update', 'upgrade', 'doctor', 'setup-token']);

const cache = new WeakMap<ContainerLaunch, AgentVerdict>();

/** The hardening-gap rules judge this container: it is the agent's, or the config asks for every container. */
export function hardeningApplies(model: ProjectModel, l: ContainerLaunch): boolean {
  return model.options?.hardening === 'all-containers' || agentContainer(model, l).agent;
}

/** How messages name who acts inside: `the agent` in an agent's container, else `a process in it`. */
export function actor(model: ProjectModel, l: ContainerLaunch): string {
  return agentContainer(model, l).agent ? 'the agent' : 'a process in it';
}

export function agentContainer(model: ProjectModel, l: ContainerLaunch): AgentVerdict {
  let v = cache.get(l);
  if (!v) {
    v = judge(model, l);
    cache.set(l, v);
  }
  return v;
}

function judge(model: ProjectModel, l: ContainerLaunch): AgentVerdict {
  // A one-shot run of the agent (`codex --version`, `claude login`) is no session: nothing works in that container.
  const oneShot = oneShotRun(l);
  if (oneShot) return { agent: false, seen: false, why: `it is a one-shot run (${oneShot})` };
  const own = model.commands.filter((c) => c.launch === l && c.context === 'container');
  const runsAgent = own.find(isAgentCommand);
  if (runsAgent) return { agent: true, seen: true, why: `its command runs ${clip(runsAgent.statement)}` };
  if (l.source !== 'devcontainer') {
    const not = notAgent(l);
    if (not) return { agent: false, seen: false, why: not };
  }
  const seen = agentSeen(model, l);
  if (seen) return { agent: true, seen: true, why: seen };
  if (l.source === 'devcontainer') return { agent: true, seen: false, why: 'it is a dev container (IDE agents such as Claude Code, Copilot and Cline run there)' };
  return { agent: false, seen: false, why: 'nothing in it runs or installs an agent' };
}

function notAgent(l: ContainerLaunch): string | undefined {
  const service = serviceImage(l);
  if (service) return `${service} is a service image`;
  const sidecar = SIDECAR_NAME.exec(launchName(l));
  if (sidecar) return `it is named as a ${sidecar[0].replace(/^[-_]|[-_]$/g, '')} sidecar`;
  return undefined;
}

/** The Dockerfile's RUN, CMD or ENTRYPOINT runs or installs an agent: the command, or undefined. */
export function installsAgent(model: ProjectModel, d: DockerfileDoc): Command | undefined {
  return model.commands.find((c) => c.dockerfile === d && isAgentCommand(c));
}

function agentSeen(model: ProjectModel, l: ContainerLaunch): string | undefined {
  const inImage = l.dockerfile ? installsAgent(model, l.dockerfile) : undefined;
  if (inImage) return `its Dockerfile has ${clip(inImage.statement)}`;
  for (const f of l.features) if (AGENT_FEATURE.test(f.value)) return `the feature ${f.value} installs an agent`;
  for (const e of l.extensions) if (AGENT_EXTENSIONS.has(e.value.toLowerCase())) return `it installs the ${e.value} extension`;
  if (l.image && AGENT_IMAGE.test(l.image.value)) return `its image is ${l.image.value}`;
  const base = l.dockerfile?.stages.at(-1)?.image.value;
  if (base && AGENT_IMAGE.test(base)) return `its image is built FROM ${base}`;
  const env = l.env.find((e) => AGENT_ENV.test(e.name));
  if (env) return `it sets ${env.name}`;
  for (const m of l.mounts) {
    const login = (m.source && agentLogin(m.source)) || (m.target && agentLogin(m.target));
    if (login) return `it mounts the ${login} folder`;
  }
  if (l.source === 'devcontainer') {
    // The repository configures an agent for this folder: the dev container is where that agent works.
    const unit = anchorDir(l.anchor.file, 'devcontainer');
    const f = model.files.find((x) => PROJECT_AGENT_KINDS.has(x.kind) && !x.related && anchorDir(x.file, x.kind) === unit);
    if (f) return `an agent is configured beside it in ${f.file}`;
  }
  return undefined;
}

/** Files that configure an agent that works in the project's dev container (Zed and Cursor's cloud agent run elsewhere). */
const PROJECT_AGENT_KINDS = new Set<FileKind>(['claude-settings', 'mcp', 'codex-config', 'claude-agent', 'claude-skill', 'gemini-settings', 'cursor-cli', 'opencode', 'amp-settings', 'aider-config']);

/** A command that runs or installs an agent CLI: the binary in command position, its package, its installer. */
export function isAgentCommand(c: Command): boolean {
  if (AGENT_BINARIES.has(basename(c.words[0]?.text ?? ''))) return true;
  if ([...runnerPackages(c), ...installedPackages(c)].some((p) => AGENT_PACKAGES.test(p.name))) return true;
  const prog = basename(c.words[0]?.text ?? '');
  return (prog === 'curl' || prog === 'wget') && c.words.some((w) => AGENT_INSTALLERS.test(w.text));
}

function oneShotRun(l: ContainerLaunch): string | undefined {
  if (l.source !== 'docker-run') return undefined;
  const cmd = l.commands.find((c) => c.source.endsWith(' command'))?.argv;
  if (!cmd?.length) return undefined;
  const prog = basename(cmd[0].text);
  if (UTILITIES.has(prog)) return prog;
  if (AGENT_BINARIES.has(prog) && cmd[1] && AGENT_ONE_SHOT.has(cmd[1].text)) return `${prog} ${cmd[1].text}`;
  const args = cmd.slice(AGENT_BINARIES.has(prog) || !cmd[0].text.startsWith('-') ? 1 : 0);
  if (args.length > 0 && args.every((a) => ONE_SHOT_ARGS.has(a.text))) return cmd.map((a) => a.text).join(' ');
  return undefined;
}

/** `postgres:16`, `bitnami/redis`, `ghcr.io/berriai/litellm:main` → the service it runs: a data store, proxy, gateway or dashboard. */
function serviceImage(l: ContainerLaunch): string | undefined {
  if (!l.image || l.build) return undefined;
  const store = localServiceImage(l.image.value);
  if (store) return store;
  const name = imageName(l.image.value);
  const last = name.slice(name.lastIndexOf('/') + 1);
  const base = last.replace(/-(?:alpine|slim|server|database|proxy)$/, '');
  return SERVICE_IMAGES.has(last) || SERVICE_IMAGES.has(base) ? last : undefined;
}

/** `compose service "egress-proxy"` → `egress-proxy`. */
function launchName(l: ContainerLaunch): string {
  return /"([^"]*)"/.exec(l.name)?.[1] ?? '';
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
