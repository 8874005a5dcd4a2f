/**
 * Whether a container's outbound traffic is limited, from what the scan shows: no network, internal networks,
 * another container's network (then it is limited only if that one is), a firewall feature, a firewall started
 * by its own commands (lifecycle commands, `docker exec` into it, its entrypoint or entrypoint script).
 * Partial evidence (a firewall script copied in, a sudoers entry for it, NET_ADMIN) with no visible start is
 * reported as such, so the rule can say it at a lower level.
 */
import type { Command } from './command.js';
import type { ContainerLaunch } from './launch.js';
import type { ProjectModel } from './project.js';
import { basename } from './argv.js';
import { scriptOf, startCommands } from './entrypoint.js';
import { capabilityName } from './capabilities.js';

export type Egress =
  | { kind: 'restricted'; why: string }
  | { kind: 'partial'; why: string }
  /** It shares the host's network: host-namespace reports that. */
  | { kind: 'host' }
  | { kind: 'open'; why?: string };

const FIREWALL_PROGRAMS = new Set(['iptables', 'ip6tables', 'iptables-restore', 'ip6tables-restore', 'ipset', 'nft']);
const FIREWALL_SCRIPT = /firewall|egress|iptables/i;
const FIREWALL_FEATURE = /firewall/i;
const PROXY = /proxy|squid|envoy|mitm|gateway/i;

/** A command that sets up a firewall: iptables/ipset/nft, `ufw enable|default|allow|deny`, or a firewall script. */
export function isFirewallCommand(c: Command): boolean {
  let i = 0;
  while (/^[A-Za-z_][A-Za-z0-9_]*=/.test(c.words[i]?.text ?? '')) i++;
  const prog = basename(c.words[i]?.text ?? '');
  if (FIREWALL_PROGRAMS.has(prog)) return true;
  if (prog === 'ufw') return /^(?:enable|default|allow|deny|reject|limit)$/.test(c.words.slice(i + 1).find((w) => !w.text.startsWith('-'))?.text ?? '');
  const script = scriptOf({ ...c, words: c.words.slice(i) });
  return !!script && FIREWALL_SCRIPT.test(script);
}

export function egressOf(model: ProjectModel, l: ContainerLaunch, visiting = new Set<ContainerLaunch>()): Egress {
  const net = l.namespaces.network?.value;
  if (net === 'host') return { kind: 'host' };
  if (net === 'none') return { kind: 'restricted', why: 'it has no network (`none`)' };
  const shared = net ? /^(?:service|container):(.+)$/.exec(net) : null;
  if (shared) return throughOther(model, l, shared[1], visiting);
  if (l.networks.length > 0 && l.networks.every((n) => n.internal)) return { kind: 'restricted', why: 'it joins only internal networks' };
  for (const f of l.features) if (FIREWALL_FEATURE.test(f.value)) return { kind: 'restricted', why: `the feature ${f.value} sets up a firewall` };
  const own = model.commands.filter((c) => c.launch === l && c.context === 'container');
  const started = [...own, ...(l.dockerfile ? startCommands(model, l.dockerfile) : [])].find(isFirewallCommand);
  if (started) return { kind: 'restricted', why: `a firewall is started by ${started.source} (${started.loc.file}:${started.loc.start.line})` };
  const partial = partialEvidence(model, l);
  return partial ? { kind: 'partial', why: partial } : { kind: 'open' };
}

/** `network_mode: service:proxy`: this container has the other one's network, and its egress control. */
function throughOther(model: ProjectModel, l: ContainerLaunch, name: string, visiting: Set<ContainerLaunch>): Egress {
  const other = model.launches.find((o) => o !== l && o.source === 'compose' && o.name === `compose service "${name}"` && sameFolder(o, l));
  if (!other) return { kind: 'partial', why: `its traffic goes through ${name}, which is not in the scan` };
  if (visiting.has(other)) return { kind: 'open', why: `it shares the network of ${name}` };
  visiting.add(l);
  const e = egressOf(model, other, visiting);
  if (e.kind === 'restricted') return { kind: 'restricted', why: `it shares the network of ${name}, where ${e.why}` };
  if (e.kind === 'partial') return { kind: 'partial', why: `it shares the network of ${name}, where ${e.why}` };
  if (e.kind === 'host') return { kind: 'host' };
  // A proxy's namespace: its own traffic may be filtered, but a process beside it can still connect directly.
  if (PROXY.test(name) || (other.image && PROXY.test(other.image.value))) return { kind: 'partial', why: `it shares the network of ${name}, a proxy, but nothing in the scan stops direct connections from that network` };
  return { kind: 'open', why: `it shares the network of ${name}, which does not restrict egress either` };
}

function sameFolder(a: ContainerLaunch, b: ContainerLaunch): boolean {
  const dir = (f: string) => f.slice(0, f.lastIndexOf('/') + 1);
  return dir(a.anchor.file) === dir(b.anchor.file);
}

/** A firewall prepared but not visibly started: a firewall script copied into the image or given sudo, NET_ADMIN. */
function partialEvidence(model: ProjectModel, l: ContainerLaunch): string | undefined {
  const copied = l.dockerfile?.copies.flatMap((c) => c.sources).find((s) => FIREWALL_SCRIPT.test(basename(s.value)));
  if (copied) return `its Dockerfile copies ${copied.value} but nothing in the scan starts it`;
  const sudoers = l.dockerfile ? model.commands.find((c) => c.dockerfile === l.dockerfile && /sudoers/.test(c.statement) && FIREWALL_SCRIPT.test(c.statement)) : undefined;
  if (sudoers) return 'its Dockerfile lets the user run a firewall script with sudo, but nothing in the scan starts it';
  if (l.capAdd.some((c) => capabilityName(c.value) === 'NET_ADMIN')) return 'it is given NET_ADMIN (as in-container firewalls need), but nothing in the scan starts a firewall';
  return undefined;
}
