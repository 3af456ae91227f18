// Class hierarchies: overrides, bases and interface implementations change
// together; signatures and `ReturnType<typeof f>` follow. Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from '../test-helpers.js';

describe('class hierarchies', () => {
  it('changes an imported interface signature and every implementation with the one that became async', async () => {
    const r = await migrateFiles({
      'src/types.ts': 'export type Loader = {\n  load(key: string): string;\n  name: string;\n};\n',
      'src/loaders.ts':
        "import type { Loader } from './types.js';\nexport class DiskLoader implements Loader {\n  name = 'disk';\n  load(key: string): string {\n    return blockingRead(key);\n  }\n}\nexport class EnvLoader implements Loader {\n  name = 'env';\n  load(key: string) {\n    return process.env[key] ?? '';\n  }\n}\n",
      'src/use.ts': "import type { Loader } from './types.js';\nexport function get(loader: Loader, key: string) {\n  return loader.load(key).trim();\n}\nexport const handlers = { all: (l: Loader) => get(l, 'x') };\n",
    }, { entry: 'src/use.ts:get' });
    expect(r.out['src/types.ts']).toBe('export type Loader = {\n  load(key: string): Promise<string>;\n  name: string;\n};\n');
    expect(r.out['src/loaders.ts']).toBe(
      "import type { Loader } from './types.js';\nexport class DiskLoader implements Loader {\n  name = 'disk';\n  async load(key: string): Promise<string> {\n    return await read(key);\n  }\n}\nexport class EnvLoader implements Loader {\n  name = 'env';\n  async load(key: string) {\n    return process.env[key] ?? '';\n  }\n}\n",
    );
    expect(r.out['src/use.ts']).toBe(
      "import type { Loader } from './types.js';\nexport async function get(loader: Loader, key: string) {\n  return (await loader.load(key)).trim();\n}\nexport const handlers = { all: async (l: Loader) => await get(l, 'x') };\n",
    );
  });

  it('keeps the whole group sync, with the reason, when one member cannot change', async () => {
    const input = "class Base {\n  read() {\n    return '';\n  }\n  get size() {\n    return this.read().length;\n  }\n}\nclass Disk extends Base {\n  read() {\n    return blockingRead('d');\n  }\n}\nmodule.exports = function route(app) {\n  app.get('/d', (req, res) => res.send(new Disk().read()));\n};\n";
    const r = await migrateFiles({ 'a.js': input });
    expect(r.out['a.js']).toBe(input);
    expect(r.result.findings.filter((f) => f.rule === 'blocking-call-unmigrated').map((f) => f.message)).toEqual([
      expect.stringContaining('`Disk.read` stays sync: its caller Base.read stays sync'),
    ]);
  });

  it('unwraps ReturnType<typeof f> and ReturnType<typeof obj.method> of functions that became async, once', async () => {
    const r = await migrateFiles({
      'a.ts':
        "const api = {\n  fetchUser(id: string) {\n    return { id, raw: blockingRead(id) };\n  },\n};\ntype User = ReturnType<typeof api.fetchUser>;\ntype Same = Awaited<ReturnType<typeof api.fetchUser>>;\ntype Other = ReturnType<typeof JSON.parse>;\nexport default function handler(req: { id: string }): User {\n  return api.fetchUser(req.id);\n}\n",
    }, { entry: 'all' });
    expect(r.out['a.ts']).toBe(
      "const api = {\n  async fetchUser(id: string) {\n    return { id, raw: await read(id) };\n  },\n};\ntype User = Awaited<ReturnType<typeof api.fetchUser>>;\ntype Same = Awaited<ReturnType<typeof api.fetchUser>>;\ntype Other = ReturnType<typeof JSON.parse>;\nexport default async function handler(req: { id: string }): Promise<User> {\n  return await api.fetchUser(req.id);\n}\n",
    );
  });

  describe('--api twin', () => {
    const iface = [
      'interface Reader {',
      '  read: (key: string) => string;',
      '}',
    ];
    const server = (lines: string[]) => ["import express from 'express';", ...lines, 'const app = express();', "app.get('/:k', (req, res) => {", '  res.send(get(disk, req.params.k));', '});', ''].join('\n');

    it('twins every member of a group, and the type member, when one caller cannot await', async () => {
      const input = server([
        ...iface,
        'const disk: Reader = {',
        '  read(key) {',
        '    return blockingRead(key);',
        '  },',
        '};',
        'class Memory implements Reader {',
        '  read(key: string): string {',
        '    return key;',
        '  }',
        '}',
        'function get(r: Reader, key: string): string {',
        '  return r.read(key);',
        '}',
        "export const boot = get(new Memory(), 'boot');",
      ]);
      const r = await migrateFiles({ 'a.ts': input }, { api: 'twin', targets: { express: '5' } });
      expect(r.out['a.ts']).toBe(
        [
          "import express from 'express';",
          'interface Reader {',
          '  read: (key: string) => string;',
          '  readAsync: (key: string) => Promise<string>;',
          '}',
          'const disk: Reader = {',
          '  read(key) {',
          '    return blockingRead(key);',
          '  },',
          '  async readAsync(key) {',
          '    return await read(key);',
          '  },',
          '};',
          'class Memory implements Reader {',
          '  read(key: string): string {',
          '    return key;',
          '  }',
          '',
          '  async readAsync(key: string): Promise<string> {',
          '    return key;',
          '  }',
          '}',
          'function get(r: Reader, key: string): string {',
          '  return r.read(key);',
          '}',
          '',
          'async function getAsync(r: Reader, key: string): Promise<string> {',
          '  return await r.readAsync(key);',
          '}',
          "export const boot = get(new Memory(), 'boot');",
          'const app = express();',
          "app.get('/:k', async (req, res) => {",
          '  res.send(await getAsync(disk, req.params.k));',
          '});',
          '',
        ].join('\n'),
      );
      // --api replace keeps the whole group sync instead, as before.
      const replaced = await migrateFiles({ 'a.ts': input }, { api: 'replace', targets: { express: '5' } });
      expect(replaced.out['a.ts']).toBe(input);
    });

    const refusal = async (files: Record<string, string>): Promise<string[]> => {
      const r = await migrateFiles(files, { api: 'twin', targets: { express: '5' } });
      for (const [path, text] of Object.entries(files)) expect(r.out[path]).toBe(text);
      return r.result.findings.filter((f) => f.rule === 'blocking-call-unmigrated').map((f) => f.message);
    };

    it('keeps the whole group sync when one member cannot have a twin', async () => {
      const messages = await refusal({
        'a.ts': server([
          'interface Reader {',
          '  read(key: string): string;',
          '}',
          'class Disk implements Reader {',
          '  read(key: string): string {',
          '    return blockingRead(key);',
          '  }',
          '}',
          'class Memory implements Reader {',
          '  read(key: string): string;',
          '  read(key: string): string {',
          '    return key;',
          '  }',
          '}',
          'const disk: Reader = new Disk();',
          'function get(r: Reader, key: string): string {',
          '  return r.read(key);',
          '}',
          "export const boot = get(new Memory(), 'boot');",
        ]),
      });
      expect(messages).toEqual([expect.stringContaining('`Disk.read` cannot be async (it cannot keep a sync twin: `Memory.read`, which it overrides, is overridden by or shares an interface method with, cannot have one: it has overload signatures)')]);
    });

    it('refuses a group whose class extends a class from a package', async () => {
      const messages = await refusal({
        'a.ts': server([
          "import { Readable } from 'node:stream';",
          'class Source extends Readable {',
          '  load(key: string): string {',
          '    return blockingRead(key);',
          '  }',
          '}',
          'class Cached extends Source {',
          '  override load(key: string): string {',
          '    return key;',
          '  }',
          '}',
          'const disk: Source = new Cached();',
          'function get(s: Source, key: string): string {',
          '  return s.load(key);',
          '}',
          "export const boot = get(disk, 'boot');",
        ]),
      });
      expect(messages).toEqual([expect.stringContaining("it cannot keep a sync twin: `Source` extends `Readable` from 'node:stream', which is declared outside the project (a package or a .d.ts file) and cannot gain the twin")]);
    });

    it('refuses a group whose type has an implementation awaitify does not link', async () => {
      const messages = await refusal({
        'a.ts': server([
          ...iface,
          'const disk: Reader = {',
          '  read(key) {',
          '    return blockingRead(key);',
          '  },',
          '};',
          'function get(r: Reader, key: string): string {',
          '  return r.read(key);',
          '}',
          "export const boot = get({ read: (key) => key }, 'boot');",
        ]),
      });
      expect(messages).toEqual([expect.stringContaining('it cannot keep a sync twin: the object literal at a.ts:13 is a `Reader` that awaitify does not link to the others, and it would lack `readAsync`')]);
    });

    it('refuses a group of classes a published package exports, and twins it in a private one', async () => {
      const lib = [
        'class Loader {',
        '  load() {',
        "    return blockingRead('x');",
        '  }',
        '}',
        'class JsonLoader extends Loader {',
        '  load() {',
        '    return JSON.parse(super.load());',
        '  }',
        '}',
        'const loader = new JsonLoader();',
        'const initial = loader.load();',
        "const app = require('express')();",
        "app.get('/', (req, res) => res.json(loader.load()));",
        'module.exports = { Loader, JsonLoader };',
        '',
      ].join('\n');
      const published = await migrateFiles({ 'package.json': '{"name":"loaders","main":"index.js"}', 'index.js': lib }, { api: 'twin', targets: { express: '5' } });
      expect(published.out['index.js']).toBe(lib);
      expect(published.result.findings.map((f) => f.message)).toContainEqual(
        expect.stringContaining('it cannot keep a sync twin: `JsonLoader` is exported by the published package `loaders`, where code outside the project may subclass or implement it without `loadAsync`'),
      );
      const app = await migrateFiles({ 'package.json': '{"name":"loaders","private":true,"main":"index.js"}', 'index.js': lib }, { api: 'twin', targets: { express: '5' } });
      expect(app.out['index.js']).toContain('  async loadAsync() {\n    return JSON.parse(await super.loadAsync());\n  }\n');
      expect(app.out['index.js']).toContain("app.get('/', async (req, res) => res.json(await loader.loadAsync()));");
    });
  });
});
