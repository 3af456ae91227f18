// Class hierarchies: overrides, bases and interface implementations change
// together; signatures and `ReturnType<typeof f>` follow. Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from './test-helpers.js';

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
});
