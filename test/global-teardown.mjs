import { rmSync } from 'node:fs';

export default function teardown() {
  if (process.env.XDG_CACHE_HOME?.includes('asl-test-cache-')) rmSync(process.env.XDG_CACHE_HOME, { recursive: true, force: true });
}
