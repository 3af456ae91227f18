// Bundles extension.js with vscode-languageclient into dist/extension.js, so the
// .vsix needs no node_modules and `vsce package --no-dependencies` works offline.
// rolldown comes with the repository's dev dependencies (through vitest's vite).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  input: path.join(here, 'extension.js'),
  platform: 'node',
  external: ['vscode'],
  output: { file: path.join(here, 'dist', 'extension.js'), format: 'cjs' },
  logLevel: 'warn',
});
