// `awaitify lsp` driven over stdio by a jsonrpc client, as an editor drives it:
// initialize, didOpen → publishDiagnostics (exact content), didChange (the
// buffer, not the disk, is analysed), hover, codeAction, executeCommand and the
// workspace/applyEdit it sends. Every edit the server makes is compared with
// what `awaitify migrate --write` makes on a copy of the same project.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { applyWorkspaceEdit, cli, editorFixtures, repo, TestClient, type Diagnostic, type WorkspaceEdit } from './helpers/lsp-client.js';
import { findRule } from '../transforms/index.js';

const { copyOf, withMigrated, tree } = editorFixtures();

const docUrl = (rule: string) => pathToFileURL(path.join(repo, 'docs/rules', `${rule}.md`)).href;
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
function diagnostic(r: Diagnostic['range'], rule: string, safety: string, message: string, unit = 'u1'): Diagnostic {
  return { range: r, severity: safety === 'safe' ? 3 : 2, code: rule, codeDescription: { href: docUrl(rule) }, source: 'awaitify', message: `${message} (${safety})`, data: { unit, safety } };
}

const TEMPLATES_DIAGNOSTICS = [
  diagnostic(range(5, 0, 8, 1), 'async-propagation', 'safe', '`loadTemplate` becomes async: it contains a blocking call that is rewritten to its async form.'),
  diagnostic(range(7, 9, 7, 38), 'fs-sync-call', 'safe', 'fs.readFileSync() blocks the event loop: replaced by await readFile() from fs/promises'),
  diagnostic(range(10, 0, 12, 1), 'async-propagation', 'safe', '`countLines` becomes async: it awaits `loadTemplate`, which became async.'),
  diagnostic(range(11, 9, 11, 27), 'async-propagation', 'safe', '`loadTemplate` is async now: its call is awaited.'),
];

interface CodeAction {
  title: string;
  kind?: string;
  edit?: WorkspaceEdit;
  command?: { command: string; arguments?: unknown[] };
}

const at = (line: number, character: number) => range(line, character, line, character);

async function codeActions(client: TestClient, uri: string, r: Diagnostic['range']): Promise<CodeAction[]> {
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: r, context: { diagnostics: [] } });
}

describe('awaitify lsp: an Express project', { timeout: 120_000 }, () => {
  test('initialize, didOpen diagnostics, hover, didChange on the buffer, shutdown', async () => {
    const dir = copyOf('express-app');
    const client = new TestClient(dir);
    const init = (await client.initialize(dir)) as { capabilities: { executeCommandProvider: { commands: string[] } } };
    expect(init.capabilities.executeCommandProvider.commands).toEqual(['awaitify.migrateProject', 'awaitify.applySafeFixes', 'awaitify.explainRule']);
    const uri = client.open(path.join(dir, 'src/lib/templates.js'), 'javascript');
    expect(await client.diagnosticsFor(uri, { version: 1 })).toEqual(TEMPLATES_DIAGNOSTICS);

    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 12 } })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('**awaitify** `fs-sync-call` (safe)');
    expect(hover.contents.value).toContain(`**Why:** ${findRule('fs-sync-call')!.docs.why}`);
    expect(hover.contents.value).toContain(`[Rule documentation](${docUrl('fs-sync-call')})`);

    // The buffer no longer reads the file: no finding, though the disk still has the blocking call.
    const published = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: range(7, 9, 7, 38), text: 'file' }],
    });
    expect(await client.diagnosticsFor(uri, { after: published, version: 2 })).toEqual([]);
    // And back: the same diagnostics as at first.
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: range(7, 9, 7, 13), text: "fs.readFileSync(file, 'utf8')" }],
    });
    expect(await client.diagnosticsFor(uri, { version: 3 })).toEqual(TEMPLATES_DIAGNOSTICS);
    expect(await client.stop()).toBe(0);
  });

  test('"Migrate this function and its call chain" edits exactly what migrate --write writes, across files', async () => {
    const { dir, expected } = withMigrated('express-app');
    const { client, uri } = await TestClient.openIn(dir, 'src/lib/templates.js', 'javascript');
    await client.diagnosticsFor(uri);
    const actions = await codeActions(client, uri, at(7, 12));
    expect(actions.map((a) => a.title)).toEqual([
      'awaitify: Migrate this function and its call chain (`GET /page/:name`, `GET /lines/:name`, `loadTemplate` and 1 more async (src/app.js:6 and 1 more file))',
      'awaitify: Apply all safe fixes in this file',
      'awaitify: Explain rule async-propagation',
      'awaitify: Explain rule fs-sync-call',
    ]);
    const edit = actions[0].edit!;
    expect(edit.documentChanges!.map((c) => ('textDocument' in c ? [c.textDocument.uri, c.textDocument.version] : c))).toEqual([
      [pathToFileURL(path.join(dir, 'src/app.js')).href, null],
      [uri, 1],
    ]);
    applyWorkspaceEdit(edit);
    expect(tree(dir)).toEqual(tree(expected));
    expect(tree(dir)).not.toEqual(tree(path.join(repo, 'test-fixtures/editor/express-app')));
    expect(await client.stop()).toBe(0);
  });

  test('a file changed on disk (workspace/didChangeWatchedFiles) re-analyses the project', async () => {
    const dir = copyOf('express-app');
    const { client, uri } = await TestClient.openIn(dir, 'src/app.js', 'javascript');
    const before = await client.diagnosticsFor(uri);
    expect(before.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`)).toEqual([
      '5:23 async-propagation',
      '5:23 express4-async-errors',
      '6:15 async-propagation',
      '10:24 async-propagation',
      '10:24 express4-async-errors',
      '11:20 async-propagation',
    ]);
    // The helper stops reading the file: nothing in app.js has to change any more.
    const helper = path.join(dir, 'src/lib/templates.js');
    writeFileSync(helper, readFileSync(helper, 'utf8').replace("fs.readFileSync(file, 'utf8')", 'file'));
    const published = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(helper).href, type: 2 }] });
    expect(await client.diagnosticsFor(uri, { after: published })).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  test('an analysis that fails (an unknown rule in the configuration) is logged, and the server goes on', async () => {
    const dir = copyOf('express-app');
    writeFileSync(path.join(dir, 'awaitify.config.json'), '{ "rules": ["no-such-rule"] }\n');
    const { client, uri } = await TestClient.openIn(dir, 'src/lib/templates.js', 'javascript');
    expect(await client.logged(/analysis failed/)).toContain("unknown rule 'no-such-rule'");
    expect(await codeActions(client, uri, at(7, 12))).toEqual([]);
    expect(client.diagnostics).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  test('with codeAction/resolve (VS Code), the edit comes on resolve, the same as migrate --write', async () => {
    const { dir, expected } = withMigrated('express-app');
    const { client, uri } = await TestClient.openIn(dir, 'src/lib/templates.js', 'javascript', { resolveEdits: true });
    await client.diagnosticsFor(uri);
    const [migrate] = await codeActions(client, uri, at(7, 12));
    expect(migrate.title).toMatch(/^awaitify: Migrate this function and its call chain /);
    expect(migrate.edit).toBeUndefined();
    const resolved = (await client.connection.sendRequest('codeAction/resolve', migrate)) as CodeAction;
    applyWorkspaceEdit(resolved.edit!);
    expect(tree(dir)).toEqual(tree(expected));
    expect(await client.stop()).toBe(0);
  });

  test('"Apply all safe fixes in this file" sends workspace/applyEdit with what migrate --safety safe --write writes', async () => {
    const { dir, expected } = withMigrated('express-app', '--safety', 'safe');
    const { client, uri } = await TestClient.openIn(dir, 'src/lib/templates.js', 'javascript');
    await client.diagnosticsFor(uri);
    const fixAll = (await codeActions(client, uri, at(7, 12))).find((a) => a.kind === 'source.fixAll')!;
    const outcome = await client.connection.sendRequest('workspace/executeCommand', { command: fixAll.command!.command, arguments: fixAll.command!.arguments });
    expect(outcome).toEqual({ applied: true, files: 2 });
    expect(client.appliedEdits).toHaveLength(1);
    expect(tree(dir)).toEqual(tree(expected));
    expect(await client.stop()).toBe(0);
  });

  test('awaitify.migrateProject returns and shows the dry run diff migrate prints; explainRule shows the rule page', async () => {
    const dir = copyOf('express-app');
    const cliDiff = execFileSync(process.execPath, [cli, 'migrate', '--quiet', '.'], { cwd: dir, encoding: 'utf8' });
    const { client, uri } = await TestClient.openIn(dir, 'src/lib/templates.js', 'javascript');
    await client.diagnosticsFor(uri);
    const dry = (await client.connection.sendRequest('workspace/executeCommand', { command: 'awaitify.migrateProject', arguments: [uri] })) as { diff: string; changed: number; findings: number; diffUri: string };
    expect(dry.diff).toBe(cliDiff);
    expect([dry.changed, dry.findings]).toEqual([2, 10]);
    expect(readFileSync(fileURLToPath(dry.diffUri), 'utf8')).toBe(cliDiff);
    const explained = (await client.connection.sendRequest('workspace/executeCommand', { command: 'awaitify.explainRule', arguments: ['fs-sync-call'] })) as { url: string };
    expect(explained.url).toBe(docUrl('fs-sync-call'));
    expect(existsSync(fileURLToPath(explained.url))).toBe(true);
    expect(client.shownDocuments).toEqual([dry.diffUri, docUrl('fs-sync-call')]);
    // Nothing on disk changed: a dry run.
    expect(tree(dir)).toEqual(tree(path.join(repo, 'test-fixtures/editor/express-app')));
    expect(await client.stop()).toBe(0);
  });
});

describe('awaitify lsp: a Django project', { timeout: 120_000 }, () => {
  test('diagnostics of a view, and its code action equals migrate --write', async () => {
    const { dir, expected } = withMigrated('django-app');
    const { client, uri } = await TestClient.openIn(dir, 'notes/views.py', 'python');
    expect(await client.diagnosticsFor(uri)).toEqual([
      diagnostic(range(0, 0, 0, 11), 'async-propagation', 'safe', 'fetch_status, time are no longer used after the rewrite (not in the code, __all__ or a string annotation); the import goes'),
      diagnostic(range(7, 4, 7, 10), 'async-propagation', 'safe', 'status becomes async: it awaits fetch_status'),
      diagnostic(range(8, 35, 8, 49), 'async-propagation', 'safe', 'fetch_status() has an async twin afetch_status(); await it'),
      diagnostic(range(11, 4, 11, 8), 'async-propagation', 'safe', 'wait becomes async: it makes blocking calls that are now awaited'),
      diagnostic(range(12, 4, 12, 19), 'time-sleep', 'safe', 'time.sleep() blocks the event loop; await asyncio.sleep() yields to it while waiting'),
    ]);
    const actions = await codeActions(client, uri, at(12, 4));
    expect(actions.map((a) => a.title)).toEqual([
      'awaitify: Migrate this function and its call chain (`fetch_status`, `status`, `wait` async (notes/remote.py:4 and 1 more file))',
      'awaitify: Apply all safe fixes in this file',
      'awaitify: Explain rule time-sleep',
    ]);
    applyWorkspaceEdit(actions[0].edit!);
    expect(tree(dir)).toEqual(tree(expected));
    expect(await client.stop()).toBe(0);
  });
});
