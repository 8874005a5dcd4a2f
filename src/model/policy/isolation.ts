/**
 * Does a container pass the isolation rules well enough that an agent inside may run without prompts?
 * Judged as: not privileged, every capability dropped (`ALL`) and none of the escape capabilities added back, no container engine socket, no host
 * namespace, and no sensitive or credential host mount. Used to lower agent-CLI bypass flags to a note.
 */
import type { ContainerLaunch } from '../launch.js';
import { credentialStore, isEngineSocket, sensitiveHostPath } from '../host-paths.js';
import { CRITICAL_CAPABILITIES, capabilityName } from '../capabilities.js';

/** Why the container does not isolate the agent, or undefined when it passes. */
export function isolationGap(l: ContainerLaunch): string | undefined {
  if (l.privileged.length) return 'it runs privileged';
  if (!l.capDrop.some((c) => c.value.toUpperCase() === 'ALL')) return 'its capabilities are not dropped (`cap_drop: [ALL]`)';
  const critical = l.capAdd.find((c) => CRITICAL_CAPABILITIES[capabilityName(c.value)]);
  if (critical) return `it adds ${capabilityName(critical.value)} back (${CRITICAL_CAPABILITIES[capabilityName(critical.value)]})`;
  for (const [ns, v] of Object.entries(l.namespaces)) if (v && v.value === 'host') return `it shares the host ${ns} namespace`;
  for (const m of l.mounts) {
    if (m.implied && /socket/i.test(m.implied)) return 'it has the container engine socket';
    if (!m.source) continue;
    if (isEngineSocket(m.source)) return 'it mounts the container engine socket';
    if (sensitiveHostPath(m.source)) return `it mounts the host's ${m.source}`;
    const cred = credentialStore(m.source);
    if (cred) return `it mounts ${cred}`;
  }
  return undefined;
}
