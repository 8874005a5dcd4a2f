// The CLI's code cache (src/launch.ts) goes to a throwaway folder during tests, not the user's ~/.cache.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  process.env.XDG_CACHE_HOME = mkdtempSync(path.join(os.tmpdir(), 'asl-test-cache-'));
}
