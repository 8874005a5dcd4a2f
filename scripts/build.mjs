// Builds the committed CLI: one ESM bundle in dist/ plus the two WASM files the shell parser loads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRegistry } from './rule-index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Bundles one entry point (the CLI, or a bench entry) the way the CLI ships: ESM for Node 20, every dependency
 * inlined, the WASM files beside it.
 */
export async function bundle(entry, outfile) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const outdir = path.dirname(outfile);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its "module" build bundles cleanly.
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(pkg.version) },
    // Bundled CommonJS packages call require(); give the ESM bundle one.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __asl_cr } from 'node:module';\nconst require = __asl_cr(import.meta.url);" },
  });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(outdir, 'web-tree-sitter.wasm'));
  copyFileSync(path.join(path.dirname(require.resolve('tree-sitter-bash/package.json')), 'tree-sitter-bash.wasm'), path.join(outdir, 'tree-sitter-bash.wasm'));
}

export async function buildCli(outdir = path.join(root, 'dist')) {
  writeRegistry();
  await bundle(path.join(root, 'src', 'bin.ts'), path.join(outdir, 'cli.js'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  await buildCli(out);
}
