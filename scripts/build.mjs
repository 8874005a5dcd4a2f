// Builds the committed CLI: one ESM bundle in dist/ plus the two WASM files the shell parser loads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRegistry } from './rule-index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export async function buildCli(outdir = path.join(root, 'dist')) {
  writeRegistry();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src', 'bin.ts')],
    outfile: path.join(outdir, 'cli.js'),
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  await buildCli(out);
}
