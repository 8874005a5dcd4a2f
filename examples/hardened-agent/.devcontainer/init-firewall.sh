#!/bin/bash
# Default-deny egress; allow the Anthropic API and the npm registry (after Anthropic's reference init-firewall.sh).
set -euo pipefail
iptables -P OUTPUT DROP
ipset create allowed hash:net
for host in api.anthropic.com registry.npmjs.org; do
  for ip in $(dig +short "$host"); do ipset add allowed "$ip"; done
done
iptables -A OUTPUT -m set --match-set allowed dst -j ACCEPT
