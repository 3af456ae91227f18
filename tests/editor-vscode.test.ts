// The VS Code extension in editors/vscode/ is packaged with the real `vsce`
// (offline: build.mjs bundles vscode-languageclient into dist/extension.js, so
// the .vsix needs no node_modules), and the .vsix holds what VS Code loads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { repo } from './helpers/lsp-client.js';

const extensionDir = path.join(repo, 'editors/vscode');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-vsix-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('vsce packages the extension into a .vsix with the bundled client and the manifest', { timeout: 300_000 }, () => {
  const vsix = path.join(scratch, 'awaitify.vsix');
  execFileSync(process.execPath, [path.join(repo, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: extensionDir,
    stdio: 'pipe',
  });
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  expect(listing).toEqual(['[Content_Types].xml', 'extension.vsixmanifest', 'extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/package.json', 'extension/readme.md']);

  const read = (entry: string) => execFileSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const manifest = JSON.parse(read('extension/package.json')) as { main: string; activationEvents: string[]; contributes: { commands: { command: string }[] } };
  expect(manifest.main).toBe('./dist/extension.js');
  expect(manifest.activationEvents).toEqual(['onLanguage:python', 'onLanguage:javascript', 'onLanguage:javascriptreact', 'onLanguage:typescript', 'onLanguage:typescriptreact']);
  // The command the palette shows is one the server executes.
  expect(manifest.contributes.commands.map((c) => c.command)).toEqual(['awaitify.migrateProject']);
  expect(read('extension.vsixmanifest')).toContain('<Identity Language="en-US" Id="awaitify" Version="0.1.0" Publisher="awaitify"');

  // The bundle needs nothing but VS Code and Node's own modules at run time, and it starts `awaitify lsp`.
  const bundle = read('extension/dist/extension.js');
  // (booleans: a failing comparison would print the whole bundle)
  expect(bundle === readFileSync(path.join(extensionDir, 'dist/extension.js'), 'utf8')).toBe(true);
  const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, '')));
  expect([...required].filter((m) => m !== 'vscode' && !builtinModules.includes(m))).toEqual([]);
  expect(required.has('vscode')).toBe(true);
  expect(/["'`]lsp["'`],\s*["'`]--stdio["'`]/.test(bundle)).toBe(true);
  expect(bundle.includes('textDocument/publishDiagnostics')).toBe(true);
});
