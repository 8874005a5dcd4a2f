// Builds the committed CLI: dist/cli.cjs (the whole program, one CommonJS bundle), dist/cli.js (the small
// launcher that runs it through V8's code cache: src/launch.ts) and the two WASM files the shell parser loads.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRegistry } from './rule-index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * web-tree-sitter loads two Node modules with `await import()`. A script run through vm.Script (the launcher)
 * has no dynamic import without an experimental flag, so the bundle requires them instead.
 */
const nodeImportsAsRequire = {
  name: 'node-imports-as-require',
  setup(b) {
    b.onLoad({ filter: /[\\/]web-tree-sitter[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      let n = 0;
      const contents = text.replace(/await import\((["'])(module|fs\/promises)\1\)/g, (_, q, m) => (n++, `__asl_builtin(${q}${m}${q})`));
      if (/await import\(/.test(contents) || n === 0) throw new Error(`${args.path}: its dynamic imports changed; update nodeImportsAsRequire in scripts/build.mjs`);
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Bundles one entry point the way the CLI ships: Node 20, every dependency inlined, the WASM files beside it.
 * `esm` for bench entries; `cjs` for the CLI, which the launcher compiles with a code cache.
 */
export async function bundle(entry, outfile, format = 'esm') {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const outdir = path.dirname(outfile);
  mkdirSync(outdir, { recursive: true });
  const cjs = format === 'cjs';
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its "module" build bundles cleanly.
    mainFields: ['module', 'main'],
    target: 'node20',
    format,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(pkg.version), ...(cjs ? { 'import.meta.url': '__asl_url' } : {}) },
    plugins: cjs ? [nodeImportsAsRequire] : [],
    banner: {
      js: cjs
        ? "const __asl_url = require('node:url').pathToFileURL(__filename).href;\nconst __asl_builtin = require;"
        : // Bundled CommonJS packages call require(); give the ESM bundle one.
          "#!/usr/bin/env node\nimport { createRequire as __asl_cr } from 'node:module';\nconst require = __asl_cr(import.meta.url);",
    },
  });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(outdir, 'web-tree-sitter.wasm'));
  copyFileSync(path.join(path.dirname(require.resolve('tree-sitter-bash/package.json')), 'tree-sitter-bash.wasm'), path.join(outdir, 'tree-sitter-bash.wasm'));
}

export async function buildCli(outdir = path.join(root, 'dist')) {
  writeRegistry();
  const program = path.join(outdir, 'cli.cjs');
  await bundle(path.join(root, 'src', 'bin.ts'), program, 'cjs');
  // The launcher names its code cache after the program's hash: a cache is never used for another build.
  const hash = createHash('sha256').update(readFileSync(program)).digest('hex').slice(0, 16);
  await build({
    entryPoints: [path.join(root, 'src', 'launch.ts')],
    outfile: path.join(outdir, 'cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    define: { __PROGRAM_HASH__: JSON.stringify(hash) },
    banner: { js: '#!/usr/bin/env node' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  await buildCli(out);
}
