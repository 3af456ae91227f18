#!/usr/bin/env node
// The package build: compiles the TypeScript into dist/ and copies beside it
// the two files the compiled code loads at run time and the package ships:
// the tree-sitter-python grammar (WASM; the installed package needs no native
// build of tree-sitter-python) and the jscodeshift entry module.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// `npm install -g <git url>` (how pre-commit installs a hook) prepares the
// clone with an `npm install` that inherits the global flag, so the clone gets
// no node_modules of its own and the compiler is missing: install the build's
// dependencies here, locally, first.
if (!resolvable('typescript/bin/tsc') && process.env.npm_config_global === 'true') {
  const npm = process.env.npm_execpath;
  const args = ['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'];
  if (npm) execFileSync(process.execPath, [npm, ...args], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', args, { cwd: root, stdio: 'inherit' });
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });

const assets = [
  [require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/grammars/tree-sitter-python.wasm'],
  [path.join(root, 'transforms/jscodeshift/awaitify.cjs'), 'dist/transforms/jscodeshift/awaitify.cjs'],
];
for (const [from, to] of assets) {
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  copyFileSync(from, path.join(root, to));
}

function resolvable(id) {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}
