// The README's picture of the HTML report: runs the built CLI on examples/risky-agent with --format html,
// then headless Chromium, and writes docs/images/html-report.png. Run it after `npm run build`:
//   node scripts/html-screenshot.mjs [--cli dist/cli.js] [--out docs/images/html-report.png] [--height 1600]
// Needs Chromium (`apt-get install chromium`); ASL_CHROMIUM names another binary.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    cli: { type: 'string', default: path.join(root, 'dist', 'cli.js') },
    out: { type: 'string', default: path.join(root, 'docs', 'images', 'html-report.png') },
    height: { type: 'string', default: '1600' },
  },
});

function findChromium() {
  if (process.env.ASL_CHROMIUM) return process.env.ASL_CHROMIUM;
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  return ['/usr/bin/chromium', ...names.flatMap((n) => dirs.map((d) => path.join(d, n)))].find((p) => existsSync(p));
}

const browser = findChromium();
if (!browser) {
  console.error('html-screenshot: no Chromium found (apt-get install chromium, or set ASL_CHROMIUM)');
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'asl-html-shot-'));
try {
  const html = path.join(tmp, 'report.html');
  // The example has findings, so the CLI exits 1: success is the report being written, not the exit code.
  const run = spawnSync(process.execPath, [path.resolve(values.cli), '--format', 'html', '-o', html, 'examples/risky-agent'], { cwd: root, encoding: 'utf8' });
  if (run.status === 2 || !existsSync(html)) {
    console.error(`html-screenshot: the CLI did not write the report (exit ${run.status})\n${run.stderr}`);
    process.exit(2);
  }
  const out = path.resolve(values.out);
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(
    browser,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--hide-scrollbars',
      `--user-data-dir=${path.join(tmp, 'profile')}`,
      `--window-size=1280,${Number(values.height)}`,
      `--screenshot=${out}`,
      pathToFileURL(html).href,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
  );
  const png = readFileSync(out);
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error(`${out} is not a PNG`);
  const shown = path.relative(process.cwd(), out);
  console.log(`html-screenshot: wrote ${shown.startsWith('..') ? out : shown} (${Math.round(statSync(out).size / 1024)} KB)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
