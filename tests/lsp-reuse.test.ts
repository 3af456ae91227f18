// What the server keeps between analyses (the project's file list, the texts
// read from disk, the Python files' syntax trees, the parses of rewritten
// modules, the dependency manifests read, the JS/TS program; see
// transforms/core/reuse.ts, transforms/python/kept.ts,
// transforms/python/dependencies.ts and transforms/typescript/project.ts) never
// shows: after each step of a series — random edits to the open buffers, and
// files changed, created and deleted on disk with and without the editor's
// file events — the diagnostics of every open file must be exactly those of a
// fresh server given the same buffers and the same disk.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { editorFixtures, TestClient, type Diagnostic } from './helpers/lsp-client.js';
import { prng } from './helpers/prng.js';

const { copyOf } = editorFixtures();

class Buffers {
  readonly texts = new Map<string, { languageId: string; text: string; version: number }>();

  private constructor(
    readonly client: TestClient,
    private readonly dir: string,
  ) {}

  static async start(dir: string, open: Map<string, { languageId: string; text: string }>): Promise<Buffers> {
    const client = new TestClient(dir);
    await client.initialize(dir);
    const buffers = new Buffers(client, dir);
    for (const [file, { languageId, text }] of open) buffers.open(file, languageId, text);
    await buffers.settled();
    return buffers;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.dir, file)).href;
  }

  open(file: string, languageId: string, text: string): void {
    this.texts.set(file, { languageId, text, version: 1 });
    void this.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId, version: 1, text } });
  }

  /** The whole text of `file`'s buffer replaced (a change without a range). */
  change(file: string, text: string): void {
    const buffer = this.texts.get(file)!;
    buffer.text = text;
    buffer.version++;
    void this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version: buffer.version }, contentChanges: [{ text }] });
  }

  /** workspace/didChangeWatchedFiles: 1 created, 2 changed, 3 deleted. */
  fileEvent(file: string, type: 1 | 2 | 3): void {
    void this.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(file), type }] });
  }

  /** Every change so far analysed and published (a hover waits for the pending analysis). */
  async settled(): Promise<void> {
    const [first] = this.texts.keys();
    await this.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(first!) }, position: { line: 0, character: 0 } });
  }

  diagnostics(): Record<string, Diagnostic[]> {
    const out: Record<string, Diagnostic[]> = {};
    for (const [file, { version }] of [...this.texts].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const last = this.client.diagnostics.filter((d) => d.uri === this.uri(file)).at(-1);
      expect(last?.version, `${file}: diagnostics of the current buffer`).toBe(version);
      out[file] = last!.diagnostics;
    }
    return out;
  }

  /** The diagnostics now, checked against a fresh server's for the same buffers and disk. */
  async sameAsFresh(step: string): Promise<Record<string, Diagnostic[]>> {
    await this.settled();
    const now = this.diagnostics();
    const fresh = await Buffers.start(this.dir, this.texts);
    expect(now, step).toEqual(fresh.diagnostics());
    expect(await fresh.client.stop()).toBe(0);
    return now;
  }
}

const VIEW = 'def price(request, sku):\n';
/** Edits of views.py: each gives the new text, or undefined where it does not apply. */
const VIEW_EDITS: [string, (text: string) => string | undefined][] = [
  // The view sleeps: it becomes async, and `import time` goes with the rewrite (emitUnusedImports).
  ['sleep', (t) => (t.includes('time.sleep') ? undefined : `import time\n${t.replace(VIEW, `${VIEW}    time.sleep(0.1)\n`)}`)],
  ['no sleep', (t) => (t.includes('time.sleep') ? t.replace('import time\n', '').replace('    time.sleep(0.1)\n', '') : undefined)],
  ['a line at the end', (t) => `${t}EDITED_${t.length} = 1\n`],
  ['a syntax error', (t) => (t.includes('def broken(') ? undefined : `${t}def broken(:\n    pass\n`)],
  ['mended', (t) => (t.includes('def broken(') ? t.replace('def broken(:\n    pass\n', '') : undefined)],
  ['uses the slow module', (t) => (t.includes('slow_total') ? undefined : `from .slow import slow_total\n${t}\n\ndef total(request):\n    return JsonResponse({"total": slow_total()})\n`)],
  ['another view', (t) => `${t}\n\ndef other_${t.length}(request):\n    return JsonResponse({"price": price_of("pear")})\n`],
];

const SLOW = 'import time\n\n\ndef slow_total():\n    time.sleep(1)\n    return 1\n';

const TS_FILES = ['src/app.ts', 'src/lib/store.ts', 'src/lib/format.ts'];
const LOAD = 'export function loadItem(id: string): Item {\n';
const DESCRIBE = 'export function describeItem(item: Item): string {\n';
const STORE_LOAD = '  load(id: string): Item {\n';
const REEXPORT = "export { loadItem as loadFormatted } from './store';\n";
const COUNTER = "import { statSync } from 'node:fs';\n";
const COUNTER_CLASS = "\nexport class Counter {\n  get size(): number {\n    return statSync('/tmp/items.json').size;\n  }\n}\n\nexport const counter = new Counter();\n";
const HOLDER_CLASS = '\nexport class Holder {\n  kept: any;\n  constructor(kept: any) {\n    this.kept = kept;\n  }\n}\n';
/** A blocking getter in the store, added and taken away (the call graph links reads of a getter's name in every file to it). */
const COUNTER_EDITS: [string, string, (text: string) => string | undefined][] = [
  ['src/lib/store.ts', 'a blocking getter', (t) => (t.includes('class Counter') ? undefined : `${COUNTER}${t}${COUNTER_CLASS}`)],
  ['src/lib/store.ts', 'no getter', (t) => (t.includes('class Counter') ? t.replace(COUNTER, '').replace(COUNTER_CLASS, '') : undefined)],
  ['src/app.ts', 'a route reading the getter', (t) => (t.includes('counter.size') ? undefined : `import { counter } from './lib/store';\n${t.replace('export default app;', "app.get('/size', (req: express.Request, res: express.Response) => {\n  res.json({ size: counter.size });\n});\n\nexport default app;")}`)],
];
/**
 * Edits of the TypeScript files ([file, name, edit]): each gives the new text, or undefined
 * where it does not apply. They change what other files' calls resolve to (a helper that
 * starts or stops blocking, an export renamed and back, an import dropped, a class method
 * renamed and back, the argument of the one `new` that decides a member's value in another
 * file, a re-export), add methods matched by name from an unresolved receiver, break and
 * mend the syntax, and add a line at the end (the benchmark's edit).
 */
const TS_EDITS: [string, string, (text: string) => string | undefined][] = [
  ['src/lib/store.ts', 'loadItem blocks', (t) => (t.includes('readFileSync') ? undefined : `import { readFileSync } from 'node:fs';\n${t.replace(LOAD, `${LOAD}  readFileSync('/tmp/items.json');\n`)}`)],
  ['src/lib/store.ts', 'loadItem does not block', (t) => (t.includes('readFileSync') ? t.replace("import { readFileSync } from 'node:fs';\n", '').replace("  readFileSync('/tmp/items.json');\n", '') : undefined)],
  ['src/lib/store.ts', 'loadItem renamed', (t) => (t.includes(LOAD) ? t.replace(LOAD, LOAD.replace('loadItem', 'fetchItem')) : undefined)],
  ['src/lib/store.ts', 'loadItem named back', (t) => (t.includes('function fetchItem') ? t.replace('function fetchItem', 'function loadItem') : undefined)],
  ['src/lib/store.ts', 'a reader class', (t) => (t.includes('class Reader') ? undefined : `${t}\nexport class Reader {\n  read(id: string): Item {\n    return loadItem(id);\n  }\n}\n`)],
  ['src/lib/format.ts', 'describeItem blocks', (t) => (t.includes('existsSync') ? undefined : `import { existsSync } from 'node:fs';\n${t.replace(DESCRIBE, `${DESCRIBE}  if (!existsSync('/tmp/items')) return '';\n`)}`)],
  ['src/lib/format.ts', 'describeItem does not block', (t) => (t.includes('existsSync') ? t.replace("import { existsSync } from 'node:fs';\n", '').replace("  if (!existsSync('/tmp/items')) return '';\n", '') : undefined)],
  ['src/lib/format.ts', 'a helper that loads', (t) => (t.includes('describeId') ? undefined : `import { loadItem } from './store';\n${t}\nexport function describeId(id: string): string {\n  return describeItem(loadItem(id));\n}\n`)],
  ['src/app.ts', 'a route by name', (t) => (t.includes("'/read/:id'") ? undefined : t.replace('export default app;', "app.get('/read/:id', (req: express.Request, res: express.Response) => {\n  const reader: any = req.app.locals.reader;\n  res.send(reader.read(req.params.id));\n});\n\nexport default app;"))],
  ['src/app.ts', 'a route through the helper', (t) => (t.includes('describeId') ? undefined : `import { describeId } from './lib/format';\n${t.replace('export default app;', "app.get('/id/:id', (req: express.Request, res: express.Response) => {\n  res.send(describeId(req.params.id));\n});\n\nexport default app;")}`)],
  ['src/app.ts', 'describeItem not imported', (t) => (t.includes("import { describeItem } from './lib/format';\n") ? t.replace("import { describeItem } from './lib/format';\n", '') : undefined)],
  ['src/app.ts', 'describeItem imported again', (t) => (t.includes('import { describeItem }') ? undefined : `import { describeItem } from './lib/format';\n${t}`)],
  // A class whose method another file calls through an instance, renamed and named back.
  ['src/lib/store.ts', 'a store class', (t) => (t.includes('class Store') ? undefined : `${t}\nexport class Store {\n  load(id: string): Item {\n    return loadItem(id);\n  }\n}\n\nexport const store = new Store();\n`)],
  ['src/lib/store.ts', 'Store.load renamed', (t) => (t.includes(STORE_LOAD) ? t.replace(STORE_LOAD, STORE_LOAD.replace('load', 'fetch')) : undefined)],
  ['src/lib/store.ts', 'Store.fetch named back', (t) => (t.includes(STORE_LOAD.replace('load', 'fetch')) ? t.replace(STORE_LOAD.replace('load', 'fetch'), STORE_LOAD) : undefined)],
  // A member whose value is the constructor argument every `new` in the project passes: another file decides it.
  ['src/lib/format.ts', 'a formatter class', (t) => (t.includes('class Formatter') ? undefined : `${t}\nexport class Formatter {\n  private source: any;\n  constructor(source: any) {\n    this.source = source;\n  }\n  describe(id: string): string {\n    return describeItem(this.source.load(id));\n  }\n}\n`)],
  ['src/app.ts', 'a formatter route', (t) => (t.includes('new Formatter(') ? undefined : `import { Formatter } from './lib/format';\nimport { store } from './lib/store';\n${t.replace('export default app;', "const formatter = new Formatter(store);\n\napp.get('/formatted/:id', (req: express.Request, res: express.Response) => {\n  res.send(formatter.describe(req.params.id));\n});\n\nexport default app;")}`)],
  ['src/app.ts', 'the formatter given another source', (t) => (t.includes('new Formatter(store)') ? t.replace('new Formatter(store)', 'new Formatter({ load: (id: string) => ({ id, name: id }) })') : undefined)],
  ['src/app.ts', 'the formatter given the store again', (t) => (t.includes('new Formatter({') ? t.replace('new Formatter({ load: (id: string) => ({ id, name: id }) })', 'new Formatter(store)') : undefined)],
  // A re-export: a call in one file resolves through a second to a third.
  ['src/lib/format.ts', 'a re-export', (t) => (t.includes(REEXPORT) ? undefined : `${REEXPORT}${t}`)],
  ['src/lib/format.ts', 'no re-export', (t) => (t.includes(REEXPORT) ? t.replace(REEXPORT, '') : undefined)],
  ['src/app.ts', 'a route through the re-export', (t) => (t.includes('loadFormatted') ? undefined : `import { loadFormatted } from './lib/format';\n${t.replace('export default app;', "app.get('/raw/:id', (req: express.Request, res: express.Response) => {\n  res.json(loadFormatted(req.params.id));\n});\n\nexport default app;")}`)],
  ...COUNTER_EDITS,
  // A class keeping an object in a public member, and another file handing that member to a package (escapes.ts follows the member's reads in every file).
  ['src/lib/format.ts', 'a holder class', (t) => (t.includes('class Holder') ? undefined : `${t}${HOLDER_CLASS}`)],
  ['src/app.ts', 'the store held and handed to express', (t) => (t.includes('new Holder(') ? undefined : `import { Holder } from './lib/format';\nimport { store as held } from './lib/store';\n${t.replace('export default app;', "const holder = new Holder(held);\napp.set('kept', holder.kept);\n\nexport default app;")}`)],
  ['src/app.ts', 'the held store not handed over', (t) => (t.includes("app.set('kept', holder.kept);\n") ? t.replace("app.set('kept', holder.kept);\n", '') : undefined)],
  ...TS_FILES.flatMap((file): [string, string, (text: string) => string | undefined][] => [
    [file, 'a line at the end', (t) => `${t}export const edited${t.length} = ${t.length};\n`],
    [file, 'a syntax error', (t) => (t.includes('function broken(') ? undefined : `${t}function broken(: void {\n}\n`)],
    [file, 'mended', (t) => (t.includes('function broken(') ? t.replace('function broken(: void {\n}\n', '') : undefined)],
  ]),
];

describe('awaitify lsp: what is kept between analyses never changes the diagnostics', { timeout: 1_200_000 }, () => {
  test('random edits and disk changes, each step compared with a fresh server', async () => {
    const dir = copyOf('incremental-app');
    const views = 'shop/views.py';
    const original = readFileSync(path.join(dir, views), 'utf8');
    const buffers = await Buffers.start(dir, new Map([[views, { languageId: 'python', text: original }]]));
    const next = prng(6);
    const edit = () => {
      const text = buffers.texts.get(views)!.text;
      for (;;) {
        const [name, make] = VIEW_EDITS[Math.floor(next() * VIEW_EDITS.length)]!;
        const after = make(text);
        if (after !== undefined) {
          buffers.change(views, after);
          return name;
        }
      }
    };
    const steps: string[] = [];
    const check = async (step: string) => {
      steps.push(step);
      return buffers.sameAsFresh(steps.join(' → '));
    };
    for (let i = 0; i < 3; i++) await check(edit());

    // prices.py (not open) starts sleeping on disk, with no file event: its size and mtime show it.
    writeFileSync(path.join(dir, 'shop/prices.py'), 'import time\n\nPRICES = {"apple": 3, "pear": 4}\n\n\ndef price_of(sku):\n    time.sleep(0.1)\n    return PRICES.get(sku, 0)\n');
    buffers.change(views, `${original}EDITED = 1\n`);
    const now = await check('prices.py sleeps');
    expect(now[views]!.map((d) => `${d.range.start.line + 1} ${d.code}`)).toEqual(['3 async-propagation', '6 async-propagation', '7 async-propagation']);

    // A module created on disk, with the editor's event.
    writeFileSync(path.join(dir, 'shop/slow.py'), SLOW);
    buffers.fileEvent('shop/slow.py', 1);
    await check('slow.py created');
    for (let i = 0; i < 3; i++) await check(edit());

    // Deleted with no event: the kept file list names a file that is gone.
    rmSync(path.join(dir, 'shop/slow.py'));
    await check(edit());

    // Created again with no event, then opened: a file the kept list does not have.
    writeFileSync(path.join(dir, 'shop/slow.py'), SLOW);
    buffers.open('shop/slow.py', 'python', SLOW);
    await check('slow.py opened');
    for (let i = 0; i < 3; i++) await check(edit());

    // The view calls requests; httpx is then added to requirements.txt on disk, with no file event:
    // the kept manifests (transforms/python/dependencies.ts) are read again by their stamps.
    const fetching = `import requests\n${original}\n\ndef remote(request):\n    return JsonResponse(requests.get("https://example.com/price").json())\n`;
    buffers.change(views, fetching);
    const undeclared = await check('the view calls requests');
    writeFileSync(path.join(dir, 'requirements.txt'), 'Django==5.2\nhttpx==0.28.1\n');
    buffers.change(views, `${fetching}EDITED = 2\n`);
    const declared = await check('httpx in requirements.txt');
    expect(declared[views], 'the manifest changes the diagnostics').not.toEqual(undeclared[views]);
    writeFileSync(path.join(dir, 'requirements.txt'), 'Django==5.2\n');
    buffers.change(views, fetching);
    expect(await check('httpx gone again'), 'as before httpx was added').toEqual(undeclared);
    expect(await buffers.client.stop()).toBe(0);
  });

  test('random edits of the TypeScript files, each step compared with a fresh server', async () => {
    const dir = copyOf('incremental-app');
    const open = new Map(TS_FILES.map((file) => [file, { languageId: 'typescript', text: readFileSync(path.join(dir, file), 'utf8') }]));
    const buffers = await Buffers.start(dir, open);
    const next = prng(27);
    const edit = () => {
      for (;;) {
        const [file, name, make] = TS_EDITS[Math.floor(next() * TS_EDITS.length)]!;
        const after = make(buffers.texts.get(file)!.text);
        if (after !== undefined) {
          buffers.change(file, after);
          return `${file}: ${name}`;
        }
      }
    };
    const steps: string[] = [];
    const changed = new Set<string>();
    // A file that reads a getter's name, unchanged while the getter comes and goes in another file:
    // its kept walk (GraphBuilder.addFile) must link the read to the getter again.
    const apply = async ([file, name, make]: [string, string, (text: string) => string | undefined]) => {
      const after = make(buffers.texts.get(file)!.text);
      if (after === undefined) return;
      buffers.change(file, after);
      steps.push(`${file}: ${name}`);
      changed.add(JSON.stringify(await buffers.sameAsFresh(steps.join(' → '))));
    };
    const [getter, noGetter, reader] = COUNTER_EDITS;
    await apply(reader!);
    await apply(getter!);
    // Only the read in app.ts reaches the getter: its blocking call is reported where the getter is.
    expect(buffers.diagnostics()['src/lib/store.ts']!.map((d) => d.code), 'the read in the unchanged file reaches the getter').toContain('blocking-call-unmigrated');
    await apply(noGetter!);
    for (let i = 0; i < 24; i++) {
      steps.push(edit());
      changed.add(JSON.stringify(await buffers.sameAsFresh(steps.join(' → '))));
    }
    // The series is not one diagnostics list over and over: the edits change what is reported.
    expect(changed.size).toBeGreaterThan(3);
    expect(await buffers.client.stop()).toBe(0);
  });
});
