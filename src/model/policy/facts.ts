/** Facts several agent-policy rules need: is the sandbox on, which hosts are local, which domains are broad. */
import type { ProjectModel } from '../project.js';
import { get, isMap, items, str } from '../../parse/tree.js';
import type { ClaudeSettings, Effective } from './settings.js';
import { scalarOf } from './settings.js';
import type { AgentPolicy } from '../agent-policy.js';

export function claudePolicies(model: ProjectModel): (AgentPolicy & { claude: ClaudeSettings })[] {
  return model.policies.filter((p): p is AgentPolicy & { claude: ClaudeSettings } => p.claude !== undefined);
}

/** `sandbox.enabled` as Claude Code reads it: default false (code.claude.com/docs/en/sandboxing). */
export function sandbox(c: ClaudeSettings): { on: boolean; decidedBy?: Effective } {
  const e = c.get('sandbox', 'enabled');
  return { on: scalarOf(e) === true, decidedBy: e };
}

/** Where the sandbox state was decided, for messages. */
export function sandboxStateText(c: ClaudeSettings): string {
  const s = sandbox(c);
  if (!s.decidedBy) return 'the sandbox is not enabled (`sandbox.enabled` is not set; it defaults to false)';
  const where = `${s.decidedBy.file}:${s.decidedBy.keyLoc.start.line}`;
  const over = s.decidedBy.overridden.find((o) => scalarOf({ ...s.decidedBy!, node: o.node }) !== scalarOf(s.decidedBy));
  return s.on
    ? `the sandbox is enabled (${where})`
    : `the sandbox is off (\`sandbox.enabled\` is ${JSON.stringify(scalarOf(s.decidedBy))} at ${where}${over ? `, overriding ${over.file}:${over.keyLoc.start.line}` : ''})`;
}

/** The host of a URL (`http://owattayo:8000/notify` → `owattayo`), lower-cased, without brackets. */
export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url.trim());
  return m ? m[1].replace(/^\[|\]$/g, '').toLowerCase() : undefined;
}

/** Loopback, private and link-local addresses, and names that never resolve on the public internet. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'host.docker.internal' || h === 'gateway.docker.internal') return true;
  if (/\.(?:local|internal|lan|home\.arpa|test|invalid)$/.test(h)) return true;
  if (/^127\.|^10\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\.|^169\.254\.|^0\.0\.0\.0$/.test(h)) return true;
  if (h === '::1' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe80:/.test(h)) return true;
  return false;
}

/** Service names, container names, hostnames and network aliases of every compose file in the scan. */
export function composeHostnames(model: ProjectModel): Set<string> {
  const names = new Set<string>();
  for (const f of model.files) {
    if (f.kind !== 'compose') continue;
    const services = get(f.tree, 'services');
    if (!isMap(services)) continue;
    for (const s of services.entries) {
      names.add(s.key.toLowerCase());
      for (const k of ['container_name', 'hostname']) {
        const v = str(get(s.value, k));
        if (v) names.add(v.toLowerCase());
      }
      const nets = get(s.value, 'networks');
      if (isMap(nets)) for (const n of nets.entries) for (const a of items(get(n.value, 'aliases'))) if (str(a)) names.add(str(a)!.toLowerCase());
    }
  }
  return names;
}

/**
 * Hosts where anyone can put content or receive data: one allowed entry is enough to exfiltrate
 * (code.claude.com/docs/en/sandboxing#security-limitations: broad domains allow exfiltration and domain fronting).
 * `seesGet`: whoever runs the endpoint sees a plain GET, so even the read-only WebFetch tool can leak data in
 * a URL there; on github.com or a paste site leaking needs a push or a POST, which WebFetch cannot make.
 */
const BROAD_HOSTS: { re: RegExp; why: string; seesGet: boolean }[] = [
  { re: /^(?:\*\.)?github\.com$/, why: 'anyone can push to a repository, gist or issue on GitHub', seesGet: false },
  { re: /^(?:\*\.)?githubusercontent\.com$|^(?:raw|gist|objects|user-images)\.githubusercontent\.com$/, why: 'it serves content any GitHub user uploads', seesGet: false },
  { re: /^(?:\*\.)?gitlab\.com$|^(?:\*\.)?bitbucket\.org$/, why: 'anyone can push to a repository there', seesGet: false },
  { re: /^(?:\*\.|s3\.|[\w-]+\.s3\.)?amazonaws\.com$|^\*\.s3\.amazonaws\.com$/, why: 'any AWS customer can receive data on an amazonaws.com host', seesGet: true },
  { re: /^(?:\*\.|storage\.)?googleapis\.com$|^(?:\*\.)?appspot\.com$|^(?:\*\.)?run\.app$/, why: 'any Google Cloud customer can receive data there', seesGet: true },
  { re: /^(?:\*\.)?cloudfront\.net$|^(?:\*\.)?azurewebsites\.net$|^(?:\*\.)?blob\.core\.windows\.net$|^(?:\*\.)?workers\.dev$|^(?:\*\.)?pages\.dev$|^(?:\*\.)?vercel\.app$|^(?:\*\.)?netlify\.app$|^(?:\*\.)?herokuapp\.com$/, why: 'any customer of that cloud can host an endpoint under it', seesGet: true },
  { re: /^(?:\*\.)?(?:pastebin\.com|paste\.ee|hastebin\.com|dpaste\.org|ghostbin\.\w+|termbin\.com|transfer\.sh|file\.io|0x0\.st)$/, why: 'it is a paste or file-drop service', seesGet: false },
  { re: /^(?:\*\.)?(?:webhook\.site|requestbin\.\w+|pipedream\.net|m\.pipedream\.net|beeceptor\.com|hookbin\.com|interact\.sh|oast\.\w+|burpcollaborator\.net)$/, why: 'it is a request-capture service', seesGet: true },
  { re: /^(?:\*\.)?(?:ngrok\.io|ngrok-free\.app|ngrok\.app|trycloudflare\.com|loca\.lt|serveo\.net|localhost\.run)$/, why: 'it is a tunnel to a machine anyone can run', seesGet: true },
  { re: /^(?:\*\.)?discord(?:app)?\.com$|^hooks\.slack\.com$/, why: 'its webhooks accept posts from anyone holding a URL', seesGet: false },
];

/** Why a domain entry is too broad, or undefined. `*`, a TLD wildcard, or a host that carries user content. */
export function broadDomain(domain: string): string | undefined {
  return broadDomainInfo(domain)?.why;
}

/** As broadDomain, and whether a plain GET to it reaches someone who can read it. */
export function broadDomainInfo(domain: string): { why: string; seesGet: boolean } | undefined {
  const d = domain.trim().toLowerCase().replace(/:\d+$/, '');
  if (d === '*') return { why: 'it allows every host', seesGet: true };
  if (/^\*\.[a-z0-9-]+$/.test(d)) return { why: `it allows every host under the top-level domain .${d.slice(2)}`, seesGet: true };
  if (/^\*\.(?:co|com|org|net|gov|ac)\.[a-z]{2}$/.test(d)) return { why: `it allows every host under ${d.slice(2)}`, seesGet: true };
  const hit = BROAD_HOSTS.find((b) => b.re.test(d));
  return hit ? { why: hit.why, seesGet: hit.seesGet } : undefined;
}

export { SECRET_PATH } from './permission-rule.js';
