// Soundness: calls awaitify cannot see keep their targets sync under --api replace. Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from '../test-helpers.js';

const handler = (body: string) => `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  ${body}\n});\n`;

async function unchanged(files: Record<string, string>, kind: string, entry?: string): Promise<string[]> {
  const r = await migrateFiles(files, { targets: { express: '5' }, ...(entry ? { entry } : {}) });
  for (const [path, text] of Object.entries(files)) expect(r.out[path]).toBe(text);
  return r.result.plan.boundaries.filter((b) => b.kind === kind).map((b) => `${b.path}:${b.line} ${b.callee}`);
}

describe('escaping references', () => {
  it('keeps a function stored in an array sync', async () => {
    const src = `function load() {\n  return blockingRead('x');\n}\nconst steps = [load];\n${handler('res.send(load() + steps.length);')}`;
    expect(await unchanged({ 'a.js': src }, 'escaping-reference')).toEqual(['a.js:4 load']);
  });

  it('keeps the methods of an object handed to a package sync', async () => {
    const src = `const lib = require('lib');\nconst api = {\n  load() {\n    return blockingRead('x');\n  },\n};\nlib.register(api);\n${handler('res.send(api.load());')}`;
    expect(await unchanged({ 'a.js': src }, 'escaping-reference')).toEqual(['a.js:7 api.load']);
  });

  it('keeps methods read by a computed name on this sync', async () => {
    const src = `class Jobs {\n  load() {\n    return blockingRead('x');\n  }\n  run(name) {\n    return this[name]();\n  }\n}\n${handler('res.send(new Jobs().load());')}`;
    expect(await unchanged({ 'a.js': src }, 'escaping-reference')).toEqual(['a.js:6 Jobs.load']);
  });

  it('follows an object passed to a project function and read there by a computed name', async () => {
    const src = `const handlers = {\n  load() {\n    return blockingRead('x');\n  },\n};\nfunction dispatch(table, name) {\n  return table[name]();\n}\n${handler("res.send(handlers.load() + dispatch(handlers, 'load'));")}`;
    expect(await unchanged({ 'a.js': src }, 'escaping-reference')).toEqual(['a.js:7 handlers.load']);
  });

  it('keeps a factory result that is kept and called later sync, and migrates one handed straight to app.use', async () => {
    const factory = `function mocks(dir) {\n  return (req, res, next) => {\n    res.send(blockingRead(dir));\n  };\n}\n`;
    // Every function is an entry, so the middleware would become async if nothing stopped it.
    const kept = `${factory}const mw = mocks('m');\nfunction later(req, res) {\n  mw(req, res);\n}\nmodule.exports = { later };\n`;
    expect(await unchanged({ 'a.js': kept }, 'escaping-reference', 'all')).toEqual(['a.js:6 <anonymous>']);

    const used = `const express = require('express');\nconst app = express();\n${factory}app.use(mocks('m'));\n`;
    const r = await migrateFiles({ 'b.js': used }, { targets: { express: '5' } });
    expect(r.out['b.js']).toBe(`const express = require('express');\nconst app = express();\nfunction mocks(dir) {\n  return async (req, res, next) => {\n    res.send(await read(dir));\n  };\n}\napp.use(mocks('m'));\n`);
  });

  it('follows instances gathered in an array, a Map or a returned array to where they are handed over', async () => {
    const classes = "const lib = require('lib');\nclass A { html() { return blockingRead('a'); } }\nclass B { html() { return blockingRead('b'); } }\nclass C { html() { return blockingRead('c'); } }\n";
    const listed = 'function listed() {\n  const b = new B();\n  const list = [b];\n  return list;\n}\n';
    const body = "const a = new A();\n  const c = new C();\n  const byName = new Map([['a', a]]);\n  lib.mount(byName);\n  lib.mount(Object.fromEntries([c].map((x) => ['c', x])));\n  res.send(a.html() + c.html() + listed().length);";
    expect(await unchanged({ 'a.js': `${classes}${listed}${handler(body)}` }, 'escaping-reference')).toEqual(['a.js:7 B.html', 'a.js:15 A.html', 'a.js:17 C.html']);
  });

  it('follows instances read back out of a local collection to where they are handed over', async () => {
    const classes = "const lib = require('lib');\nclass A { html() { return blockingRead('a'); } }\nclass B { html() { return blockingRead('b'); } }\nclass C { html() { return blockingRead('c'); } }\n";
    const body = "const a = new A();\n  const b = new B();\n  const c = new C();\n  const byName = new Map([['a', a]]);\n  for (const x of byName.values()) lib.mount(x);\n  [b].reduce((n, y) => n + lib.size(y), 0);\n  const found = [c].find((z) => z === c);\n  lib.mount(found);\n  res.send(a.html() + b.html() + c.html());";
    expect(await unchanged({ 'a.js': `${classes}${handler(body)}` }, 'escaping-reference')).toEqual(['a.js:11 A.html', 'a.js:13 B.html', 'a.js:14 C.html']);
  });

  it('follows an instance a project function returns to where it is handed over', async () => {
    const classes = "const lib = require('lib');\nclass A { html() { return blockingRead('a'); } }\nclass B { html() { return blockingRead('b'); } }\nfunction makeA() {\n  return new A();\n}\nconst makeB = () => makeA() && new B();\n";
    const body = "lib.mount(makeA());\n  const b = makeB();\n  lib.use(b);\n  res.send(new A().html() + new B().html());";
    expect(await unchanged({ 'a.js': `${classes}${handler(body)}` }, 'escaping-reference')).toEqual(['a.js:11 A.html', 'a.js:13 B.html']);
  });

  it('does not count a collection the project only reads back as a hand-over', async () => {
    const body = "const a = new A();\n  const cache = new Map();\n  cache.set('a', a);\n  const pairs = [a].map((x) => [1, x]);\n  res.send(cache.size + pairs.length + a.html());";
    const src = `class A {\n  html() {\n    return blockingRead('a');\n  }\n}\n${handler(body)}`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    expect(r.result.plan.boundaries.filter((b) => b.kind === 'escaping-reference')).toEqual([]);
    expect(r.out['a.js']).toContain('  async html() {\n');
  });

  it('follows a collection kept on the instance to its reads in other members, through `self` and destructuring', async () => {
    const classes = `const lib = require('lib');\nclass A {\n  html() {\n    return blockingRead('a');\n  }\n}\nclass B {\n  html() {\n    return blockingRead('b');\n  }\n}\n`;
    const holder = `class Shelf {\n  fill() {\n    const a = new A();\n    this.items.push(a);\n    this.extra = [new B()];\n  }\n  show() {\n    const self = this;\n    self.items.forEach((x) => lib.mount(x));\n    const { extra } = this;\n    return extra.length;\n  }\n}\n`;
    const body = 'const s = new Shelf();\n  s.fill();\n  res.send(s.show() + new A().html() + new B().html());';
    expect(await unchanged({ 'a.js': `${classes}${holder}${handler(body)}` }, 'escaping-reference')).toEqual(['a.js:15 A.html', 'a.js:16 B.html']);
  });

  it('does not count a collection kept on the instance and read back only into project code as a hand-over', async () => {
    const src = `class A {\n  html() {\n    return blockingRead('a');\n  }\n}\nclass Shelf {\n  fill() {\n    this.items.push(new A());\n  }\n  count() {\n    let n = 0;\n    for (const x of this.items) n += x === undefined ? 0 : 1;\n    return n;\n  }\n}\n${handler('const s = new Shelf();\n  s.fill();\n  res.send(s.count() + new A().html());')}`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    expect(r.result.plan.boundaries.filter((b) => b.kind === 'escaping-reference')).toEqual([]);
    expect(r.out['a.js']).toContain('  async html() {\n');
  });

  it('does not count exports, direct calls or route registrations as escapes', async () => {
    const src = `${handler('res.send(load());')}function load() {\n  return blockingRead('x');\n}\nmodule.exports = { load };\nexports.again = load;\n`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    expect(r.out['a.js']).toContain('async function load()');
    expect(r.out['a.js']).toContain('res.send(await load());');
  });
});

describe('members assigned after the fact resolve (so they are awaited, not kept sync)', () => {
  it('follows `const helpers = module.exports; helpers.x = ...` and `const utils = {}; utils.x = ...; module.exports = utils`', async () => {
    const files = {
      'lib/helpers.js': "const helpers = module.exports;\nhelpers.load = function (k) {\n  return blockingRead(k);\n};\n",
      'lib/utils.js': "const utils = { ...require('./base') };\nutils.load = function (k) {\n  return blockingRead(k);\n};\nmodule.exports = utils;\n",
      'lib/base.js': 'module.exports = {};\n',
      'app.js': `const helpers = require('./lib/helpers');\nconst utils = require('./lib/utils');\n${handler('res.send(helpers.load(req.url) + utils.load(req.url));')}`,
    };
    const r = await migrateFiles(files, { targets: { express: '5' } });
    expect(r.out['app.js']).toContain("app.get('/', async (req, res) => {\n  res.send((await helpers.load(req.url)) + (await utils.load(req.url)));");
    expect(r.out['lib/helpers.js']).toBe('const helpers = module.exports;\nhelpers.load = async function (k) {\n  return await read(k);\n};\n');
    expect(r.out['lib/utils.js']).toContain('utils.load = async function (k) {\n  return await read(k);');
    expect(r.result.plan.boundaries).toEqual([]);
  });
});

describe('unresolved receivers', () => {
  const endpoint = `class Endpoint {\n  matches(r) {\n    return blockingRead(r);\n  }\n}\n`;

  it('keeps a method sync when a call on an unknown value names it', async () => {
    const src = `${endpoint}function check(db, id, r) {\n  return db[id].matches(r);\n}\nmodule.exports = { check };\n${handler('res.send(new Endpoint().matches(req.url));')}`;
    expect(await unchanged({ 'a.js': src }, 'unresolved-receiver')).toEqual(['a.js:7 Endpoint.matches']);
  });

  it('reports a handler that reaches a method only through an unresolved call', async () => {
    const src = `${endpoint}function make() {\n  return new Endpoint();\n}\nconst db = { e: make() };\n${handler('res.send(db.e.matches(req.url));')}`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    expect(r.out['a.js']).toBe(src);
    expect(r.result.findings.map((f) => `${f.line} ${f.rule} ${f.message}`)).toContain(
      "13 sync-boundary `Endpoint.matches` reaches a blocking call but stays sync: it is also called at a.js:13 on a value awaitify cannot resolve (`db.e.matches()`), and that call would get a promise. Give the receiver a type awaitify can follow (a JSDoc `@type` or TypeScript annotation naming the class), or use --api twin so that call keeps a sync form.",
    );
  });

  it('ignores built-ins, package values, awaited calls and other project classes', async () => {
    const src =
      `${endpoint}class Other {\n  check() {\n    return 1;\n  }\n}\n` +
      `async function viaAwait(x) {\n  return await x.matches(1);\n}\n` +
      "const words = ['a'];\nwords.matches?.();\n'abc'.matches?.();\nnew Other().matches?.();\nJSON.matches?.();\n" +
      `module.exports = { viaAwait };\n${handler('res.send(new Endpoint().matches(req.url));')}`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    expect(r.out['a.js']).toContain('async matches(r)');
    expect(r.result.plan.boundaries.filter((b) => b.kind === 'unresolved-receiver')).toEqual([]);
  });

  it('uses TypeScript types: a receiver typed with a library type is not a candidate', async () => {
    const src = `class Store {\n  get(k: string) {\n    return blockingRead(k);\n  }\n}\nexport function lookup(m: Map<string, number>) {\n  return m.get('a');\n}\n${handler('res.send(new Store().get(req.url));')}`;
    const r = await migrateFiles({ 'a.ts': src }, { targets: { express: '5' } });
    expect(r.out['a.ts']).toContain('async get(k: string)');
    expect(r.result.plan.boundaries.filter((b) => b.kind === 'unresolved-receiver')).toEqual([]);
  });
});
