/** Facts derived from a launch that several rules need: does an agent run in it, what user, is egress limited. */
import type { Located } from '../types.js';
import { effectiveUser } from '../parse/dockerfile.js';
import type { ContainerLaunch } from './launch.js';

/** Agent CLIs and packages. A word match, so `claude` matches `claude --help` but not `claudette`. */
const AGENT_WORDS = /(?:^|[\s/"'=@])(?:@anthropic-ai\/claude-code|claude|claude-code|@openai\/codex|codex|kiro|kiro-cli|@google\/gemini-cli|gemini|aider|aider-chat|cline|@github\/copilot|opencode|opencode-ai|goose|cursor-agent|@qwen-code\/qwen-code|@sourcegraph\/amp|amp)(?:@[\w.^~${}-]+)?(?=$|[\s;&|)"'])/;
const AGENT_FEATURE = /claude-code|codex|gemini-cli|aider|opencode|copilot-cli|kiro/;
/** AI agents only: monitoring "agents" (datadog/agent, grafana/agent, portainer/agent) are not. */
const AGENT_IMAGE = /claude|codex|aider|gemini-cli|opencode|openhands|kiro|cline|(?:ai|coding|llm)[-_]?agent|agent[-_]?(?:image|sandbox)/i;

/** Why we believe an agent runs in this container, or undefined. */
export function agentEvidence(l: ContainerLaunch): string | undefined {
  for (const c of l.commands) if (AGENT_WORDS.test(c.value)) return `its command runs ${clip(c.value)}`;
  for (const f of l.features) if (AGENT_FEATURE.test(f.value)) return `the feature ${f.value} installs one`;
  for (const c of l.dockerfile?.commands ?? []) if (AGENT_WORDS.test(c.value)) return `its Dockerfile has ${clip(c.value)}`;
  if (l.image && AGENT_IMAGE.test(l.image.value)) return `its image is ${l.image.value}`;
  return undefined;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/**
 * A command that sets up a firewall: a firewall script, iptables/ipset/nft, or ufw turning rules on, in
 * command position. A prompt that only mentions a firewall (`claude -p "review the firewall rules"`) or
 * `ufw disable` is no restriction.
 */
const FIREWALL = /(?:^|[;&|({]\s*|\b(?:sudo|exec|then|do)\s+(?:-\S+\s+)*|["'])(?:[\w./${}-]*firewall[\w.-]*\.sh|init-firewall|iptables|ip6tables|ipset|nft|ufw\s+(?:--force\s+)?(?:enable|default|allow|deny|reject|limit))\b/;
const FIREWALL_FEATURE = /firewall/i;

/** What limits this container's outbound traffic, or undefined when it has the ordinary open network. */
export function egressRestriction(l: ContainerLaunch): string | undefined {
  const net = l.namespaces.network?.value;
  if (net === 'none') return 'it has no network (`none`)';
  if (net && /^(service|container):/.test(net)) return `its traffic goes through ${net}`;
  if (l.networks.length > 0 && l.networks.every((n) => n.internal)) return 'it joins only internal networks';
  for (const f of l.features) if (FIREWALL_FEATURE.test(f.value)) return `the feature ${f.value} sets up a firewall`;
  for (const c of l.commands) if (FIREWALL.test(c.value)) return 'a firewall is set up by its commands';
  for (const c of l.dockerfile?.commands ?? []) if (FIREWALL.test(c.value) && c.keyword !== 'RUN') return 'a firewall is set up by its entrypoint';
  return undefined;
}

export type UserVerdict =
  | { root: true; because: 'explicit'; user: Located<string> }
  | { root: true; because: 'default' }
  | { root: false; user?: Located<string> };

/** Images that do not run as root by default (their own metadata sets a user). */
const NON_ROOT_IMAGES = /^mcr\.microsoft\.com\/(?:vscode\/)?devcontainers\/|:nonroot\b|-nonroot\b|^gcr\.io\/distroless\/.*:nonroot/;

export function isRootUser(u: string): boolean {
  const name = u.trim().split(':')[0];
  return name === 'root' || name === '0';
}

/** The user the container's processes run as: launch setting, else the Dockerfile's final USER, else the image default. */
export function effectiveLaunchUser(l: ContainerLaunch): UserVerdict {
  const u = l.user ?? (l.dockerfile ? effectiveUser(l.dockerfile) : undefined);
  if (u) return isRootUser(u.value) && !u.value.includes('$') ? { root: true, because: 'explicit', user: u } : { root: false, user: u };
  if (l.image && NON_ROOT_IMAGES.test(l.image.value)) return { root: false };
  const base = l.dockerfile?.stages.at(-1)?.image.value;
  if (!l.image && base && NON_ROOT_IMAGES.test(base)) return { root: false };
  return { root: true, because: 'default' };
}
