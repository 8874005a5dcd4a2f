/** Capabilities that undo a container's isolation by themselves, with what each gives (for messages). */
export const CRITICAL_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'every capability, as good as --privileged',
  SYS_ADMIN: 'mount, namespaces and most of root: the usual container escape',
  SYS_PTRACE: 'reading and changing other processes, secrets in memory included',
  SYS_MODULE: 'loading kernel modules into the host kernel',
  DAC_READ_SEARCH: 'reading any file by handle, past bind-mount boundaries (the "shocker" escape)',
  SYS_RAWIO: 'raw access to host I/O ports and memory',
  BPF: 'loading eBPF programs into the host kernel',
  PERFMON: 'kernel performance monitoring that leaks host information',
  SYS_BOOT: 'rebooting the host',
  MAC_ADMIN: 'changing the AppArmor/SELinux policy that confines the container',
};

/** `cap_add` values as Linux names: `sys_admin`, `CAP_SYS_ADMIN` → `SYS_ADMIN`. */
export function capabilityName(value: string): string {
  return value.toUpperCase().replace(/^CAP_/, '');
}
