// The awaitify extension: starts `awaitify lsp` on stdio and hands VS Code to
// vscode-languageclient, which shows the diagnostics, hovers and code actions
// and registers the server's commands (awaitify.migrateProject among them).
// build.mjs bundles this file with the client into dist/extension.js.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** `awaitify.path`, else the workspace's node_modules/.bin/awaitify, else `awaitify` on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('awaitify').get('path');
  if (configured) {
    return configured.endsWith('.js') ? { command: process.execPath, args: [configured, 'lsp', '--stdio'] } : { command: configured, args: ['lsp', '--stdio'] };
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'awaitify.cmd' : 'awaitify');
    if (fs.existsSync(local)) return { command: local, args: ['lsp', '--stdio'] };
  }
  return { command: 'awaitify', args: ['lsp', '--stdio'] };
}

function activate(context) {
  const run = serverCommand();
  const languages = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
  client = new LanguageClient(
    'awaitify',
    'awaitify',
    { run, debug: run },
    {
      documentSelector: languages.map((language) => ({ scheme: 'file', language })),
      // Files changed outside the editor (a checkout, a formatter) are analysed again.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{py,js,cjs,mjs,jsx,ts,cts,mts,tsx}') },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
