// Re-analysis after an edit keeps what it computed for unchanged files (the
// JS/TS program's parsed and bound source files, the other language's whole
// analysis): after every edit of a series, the diagnostics of every open file
// must be exactly those of a fresh server given the same texts. Some edits
// change another file's result (a helper starts blocking: its callers' file
// changes; a Fastify hook or a lowdb write whose reason is in another file),
// one breaks a file's syntax and one mends it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test, afterAll } from 'vitest';
import { editorFixtures, TestClient, type Diagnostic } from './helpers/lsp-client.js';
import { ts } from 'ts-morph';
import { loadProject } from '../transforms/typescript/project.js';

const { copyOf } = editorFixtures();

const APP_FILES: [string, string][] = [
  ['src/app.ts', 'typescript'],
  ['src/lib/store.ts', 'typescript'],
  ['src/lib/format.ts', 'typescript'],
  ['shop/views.py', 'python'],
  ['shop/prices.py', 'python'],
];

/** The buffers of one client: the open files' texts and versions, and what was published for each. */
class Editor {
  readonly texts = new Map<string, string>();
  readonly versions = new Map<string, number>();

  private constructor(
    readonly client: TestClient,
    private readonly dir: string,
    private readonly files: [string, string][],
  ) {}

  /** A server started in `dir` with `files` ([path, languageId]) open, with `texts` (by path) or the files' own text. */
  static async open(dir: string, files: [string, string][], texts?: Map<string, string>): Promise<Editor> {
    const client = new TestClient(dir);
    await client.initialize(dir);
    const editor = new Editor(client, dir, files);
    for (const [file, languageId] of files) {
      const text = texts?.get(file) ?? readFileSync(path.join(dir, file), 'utf8');
      editor.texts.set(file, text);
      editor.versions.set(file, 1);
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: editor.uri(file), languageId, version: 1, text } });
    }
    await editor.settled();
    return editor;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.dir, file)).href;
  }

  /** Replaces `from` with `to` in the buffer of `file` (the disk keeps its text), then waits for the analysis. */
  async edit(file: string, from: string, to: string): Promise<void> {
    const text = this.texts.get(file)!;
    const start = text.indexOf(from);
    if (start < 0) throw new Error(`${file}: no ${JSON.stringify(from)} in the buffer`);
    const before = text.slice(0, start);
    const line = before.split('\n').length - 1;
    const character = start - (before.lastIndexOf('\n') + 1);
    const endBefore = text.slice(0, start + from.length);
    const end = { line: endBefore.split('\n').length - 1, character: start + from.length - (endBefore.lastIndexOf('\n') + 1) };
    const version = this.versions.get(file)! + 1;
    this.texts.set(file, text.slice(0, start) + to + text.slice(start + from.length));
    this.versions.set(file, version);
    void this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ range: { start: { line, character }, end }, text: to }],
    });
    await this.settled();
  }

  /**
   * Waits until every change so far is analysed and published: a hover waits for the
   * project's pending analysis, and its answer comes after that analysis's diagnostics.
   */
  private async settled(): Promise<void> {
    await this.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(this.files[0][0]) }, position: { line: 0, character: 0 } });
  }

  /** The last diagnostics published for each open file; each must be of its current version. */
  diagnostics(): Record<string, Diagnostic[]> {
    const out: Record<string, Diagnostic[]> = {};
    for (const [file] of this.files) {
      const last = this.client.diagnostics.filter((d) => d.uri === this.uri(file)).at(-1);
      expect(last?.version, `${file}: diagnostics of the current buffer`).toBe(this.versions.get(file));
      out[file] = last!.diagnostics;
    }
    return out;
  }

  /** The diagnostics now, which must be what a server that never saw the earlier texts publishes for the same buffers. */
  async sameAsFresh(): Promise<Record<string, Diagnostic[]>> {
    const now = this.diagnostics();
    const fresh = await Editor.open(this.dir, this.files, this.texts);
    expect(now).toEqual(fresh.diagnostics());
    expect(await fresh.client.stop()).toBe(0);
    return now;
  }
}

const javascript = (...files: string[]): [string, string][] => files.map((f) => [f, 'javascript']);
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${d.code}`);

describe('awaitify lsp: incremental re-analysis gives what a fresh analysis gives', { timeout: 300_000 }, () => {
  test('a series of edits to TypeScript and Python buffers, each compared with a fresh server', async () => {
    const dir = copyOf('incremental-app');
    const editor = await Editor.open(dir, APP_FILES);
    const check = () => editor.sameAsFresh();
    expect(Object.values(await check()).flat()).toEqual([]);

    // The store starts reading a file: the routes in app.ts (another file) become async.
    await editor.edit('src/lib/store.ts', 'export interface Item', "import fs from 'node:fs';\n\nexport interface Item");
    await editor.edit('src/lib/store.ts', "  return items.get(id) ?? { id, name: 'unknown' };", "  return items.get(id) ?? (JSON.parse(fs.readFileSync(`items/${id}.json`, 'utf8')) as Item);");
    let now = await check();
    expect(codes(now['src/app.ts'])).toEqual(['7 async-propagation', '7 express4-async-errors', '8 async-propagation']);
    expect(codes(now['src/lib/store.ts'])).toEqual(['10 async-propagation', '11 fs-sync-call']);

    // A line added where nothing depends on it (the benchmark's edit).
    await editor.edit('src/app.ts', 'export default app;', 'export const edited = 1;\nexport default app;');
    await check();

    // The formatter calls the store too: the second route's callback changes as well.
    await editor.edit('src/lib/format.ts', 'import type { Item } from', 'import { loadItem, type Item } from');
    await editor.edit('src/lib/format.ts', '  return `${item.id}: ${item.name}`;', '  return `${item.id}: ${loadItem(item.id).name}`;');
    now = await check();
    expect(codes(now['src/lib/format.ts'])).toEqual(['3 async-propagation', '4 async-propagation']);

    // The store stops parsing (it is left out), then parses again.
    await editor.edit('src/lib/store.ts', 'export function listItems(): Item[] {', 'export function listItems(): Item[] {{');
    now = await check();
    expect(codes(now['src/app.ts'])).toEqual([]);
    await editor.edit('src/lib/store.ts', 'export function listItems(): Item[] {{', 'export function listItems(): Item[] {');
    await check();

    // The store stops blocking: back to nothing to change.
    await editor.edit('src/lib/store.ts', "(JSON.parse(fs.readFileSync(`items/${id}.json`, 'utf8')) as Item)", "{ id, name: 'unknown' }");
    now = await check();
    expect(Object.values(now).flat()).toEqual([]);

    // Python: the price helper starts sleeping; the view in views.py becomes async.
    await editor.edit('shop/prices.py', 'PRICES = {', 'import time\n\nPRICES = {');
    await editor.edit('shop/prices.py', '    return PRICES.get(sku, 0)', '    time.sleep(0.1)\n    return PRICES.get(sku, 0)');
    now = await check();
    expect(codes(now['shop/views.py']).length).toBeGreaterThan(0);
    await editor.edit('shop/views.py', 'def price(request, sku):', 'EDITED = 1\n\n\ndef price(request, sku):');
    await check();
    await editor.edit('shop/prices.py', '    time.sleep(0.1)\n', '');
    now = await check();
    expect(codes(now['shop/views.py'])).toEqual([]);
    expect(await editor.client.stop()).toBe(0);
  });

  test('a Fastify hook registration removed in another file: the hook function is analysed as what it is now', async () => {
    const editor = await Editor.open(copyOf('incremental-fastify'), javascript('src/app.js', 'src/audit.js'));
    let now = await editor.sameAsFresh();
    expect(codes(now['src/app.js'])).toEqual(['7 sync-boundary']);
    await editor.edit('src/app.js', "fastify.addHook('onRequest', audit);\n", '');
    now = await editor.sameAsFresh();
    expect(codes(now['src/audit.js'])).toEqual(['3 async-propagation', '4 fs-sync-call']);
    expect(await editor.client.stop()).toBe(0);
  });

  test('a lowdb write kept sync by a start-up call in another file: the reason follows that file', async () => {
    const editor = await Editor.open(copyOf('incremental-lowdb'), javascript('server.js', 'store.js'));
    const reason = (r: Record<string, Diagnostic[]>) => r['store.js'].map((d) => /stays sync \((.*)\)\. By hand/.exec(d.message)?.[1]);
    expect(reason(await editor.sameAsFresh())).toEqual(['it runs only at start-up: only module top-level code (server.js:11) calls it, and that stays sync']);
    await editor.edit('server.js', 'clearVisits();\n\n', '');
    expect(reason(await editor.sameAsFresh())).toEqual(['`clearVisits` does not become async']);
    expect(await editor.client.stop()).toBe(0);
  });
});

describe('typescript/project.ts: a kept Project', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'awaitify-kept-project-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const source = (name: string, text: string) => ({ path: name, absPath: path.join(root, name), text });

  test('parses again only the files whose text changed; any other change of the file list loads afresh', () => {
    const memo = new Map<string, unknown>();
    const a = source('a.ts', 'export const a = 1;\n');
    const b = source('b.ts', "import { a } from './a';\nexport const b = a + 1;\n");
    const broken = source('c.js', 'function (\n');
    const first = loadProject(root, [a, b, broken], memo);
    expect(first.failures.map((f) => f.path)).toEqual(['c.js']);

    const b2 = source('b.ts', "import { a } from './a';\nexport const b = a + 2;\n");
    const second = loadProject(root, [a, b2, broken], memo);
    expect(second.project).toBe(first.project);
    expect(second.files.map((f) => f.path)).toEqual(['a.ts', 'b.ts']);
    expect(second.files[0].sf).toBe(first.files[0].sf);
    expect(second.files[1].sf).not.toBe(first.files[1].sf);
    expect(second.files[1].sf.text).toBe(b2.text);
    expect(second.failures).toEqual(first.failures);
    expect(second.project.getSourceFiles().map((f) => path.basename(f.getFilePath()))).toEqual(['a.ts', 'b.ts']);

    // A file that did not parse now does: it would join the Project last, so it loads afresh in order.
    const mended = loadProject(root, [a, b2, source('c.js', 'function c() {}\n')], memo);
    expect(mended.project).not.toBe(second.project);
    expect(mended.project.getSourceFiles().map((f) => path.basename(f.getFilePath()))).toEqual(['a.ts', 'b.ts', 'c.js']);
    // A file removed: afresh too.
    expect(loadProject(root, [a, b2], memo).project).not.toBe(mended.project);
  });

  test('keeps the model: an unchanged file keeps its FileInfo, and what read an edited file is resolved again', () => {
    const memo = new Map<string, unknown>();
    const lib = (body: string) => source('lib.ts', `export function helper() {\n  ${body}\n}\nexport const other = () => 2;\n`);
    const use = source('use.ts', "import { helper } from './lib';\nexport function run() {\n  return helper();\n}\n");
    const callee = (loaded: ReturnType<typeof loadProject>) => {
      const sf = loaded.files[1]!.sf;
      const text = 'helper()';
      const at = sf.text.indexOf(text);
      let found: ts.CallExpression | undefined;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && n.getStart(sf) === at) found = n;
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return loaded.model.valueOf(found!.expression);
    };
    const first = loadProject(root, [lib('return 1;'), use], memo);
    const before = callee(first);
    expect(before?.kind === 'function' && before.file).toBe(first.files[0]);

    // lib.ts edited: use.ts keeps its FileInfo; its call's kept answer read lib.ts, so it is resolved again.
    const second = loadProject(root, [lib('return 3;'), use], memo);
    expect(second.model).toBe(first.model);
    expect(second.files[1]).toBe(first.files[1]);
    expect(second.files[0]).not.toBe(first.files[0]);
    const after = callee(second);
    expect(after?.kind === 'function' && after.file).toBe(second.files[0]);
    expect(after?.kind === 'function' && after.node.getText()).toContain('return 3;');

    // helper now an alias of another export: the answer follows it.
    const third = loadProject(root, [source('lib.ts', 'export const other = () => 2;\nexport const helper = other;\n'), use], memo);
    const aliased = callee(third);
    expect(aliased?.kind === 'function' && aliased.node.getText()).toBe('() => 2');
  });
});
