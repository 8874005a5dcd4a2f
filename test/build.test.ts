/** What is committed must be what the sources build: dist/ (run as-is by pre-commit and the Action) and the docs. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

it('dist/ is up to date with the sources', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'asl-dist-'));
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'pipe' });
    for (const f of ['cli.js', 'cli.cjs', 'tree-sitter-bash.wasm', 'web-tree-sitter.wasm']) {
      const fresh = readFileSync(path.join(out, f));
      const committed = readFileSync(path.join('dist', f));
      if (!fresh.equals(committed)) throw new Error(`dist/${f} is out of date: run npm run build and commit dist/`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it('the rule docs and the README rule table are up to date', () => {
  execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { stdio: 'pipe' });
});
