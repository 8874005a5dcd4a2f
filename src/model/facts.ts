/** Facts derived from a launch that several rules need: is its egress limited. */
import type { ContainerLaunch } from './launch.js';

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
