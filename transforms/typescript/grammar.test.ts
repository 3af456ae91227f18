// The verifier's grammar check: misplaced `await`s the TypeScript parser accepts.
import { describe, expect, it } from 'vitest';
import { typescriptAdapter } from './adapter.js';

const check = (path: string, text: string) => typescriptAdapter.syntaxError(path, text);

describe('syntaxError: misplaced await', () => {
  it('rejects await in a parameter default, even of an async function', async () => {
    expect(await check('a.js', "const fs = require('fs');\nasync function read(p, data = await readFile(p)) {\n  return data;\n}\n")).toEqual({
      line: 2,
      message: "'await' expressions cannot be used in a parameter initializer",
    });
    expect(await check('a.ts', 'export async function f(p: string, { t = await g(p) } = {}) {\n  return t;\n}\n')).toMatchObject({ line: 1 });
  });

  it('rejects await in a function that is not async (arrow, method, constructor, accessor)', async () => {
    expect(await check('a.ts', 'export const f = () => {\n  await g();\n};\n')).toMatchObject({ line: 2, message: "'await' expressions are only allowed within async functions" });
    expect(await check('a.js', 'async function outer() {\n  function inner() {\n    for await (const x of y) {}\n  }\n}\n')).toMatchObject({ line: 3 });
    expect(await check('a.ts', 'export class A {\n  constructor() {\n    await x;\n  }\n}\n')).toMatchObject({ line: 3 });
    expect(await check('a.ts', 'export class A {\n  get v() {\n    return await x;\n  }\n}\n')).toMatchObject({ line: 3 });
  });

  it('rejects await in class fields and static blocks, and at the top level of CommonJS', async () => {
    expect(await check('a.ts', 'export class A {\n  x = await g();\n}\n')).toMatchObject({ line: 2 });
    expect(await check('a.ts', 'export class A {\n  static {\n    await g();\n  }\n}\n')).toMatchObject({ line: 3 });
    expect(await check('a.cjs', 'const x = await g();\n')).toMatchObject({ line: 1 });
    expect(await check('a.js', "const g = require('./g');\nconst x = await g();\nmodule.exports = x;\n")).toMatchObject({ line: 2 });
  });

  it('accepts await where it is valid', async () => {
    expect(await check('a.js', 'async function f(cb = async () => await g()) {\n  const h = async (x) => { await x; };\n  for await (const y of z) await h(y);\n}\n')).toBeUndefined();
    expect(await check('a.mjs', 'const x = await g();\n')).toBeUndefined();
    expect(await check('a.ts', "import { g } from './g';\nexport const x = await g();\n")).toBeUndefined();
    expect(await check('a.ts', 'export class A {\n  async m() {\n    await g();\n  }\n  static async s() {\n    return await g();\n  }\n}\n')).toBeUndefined();
    // `await` as an identifier in a script is not an await expression.
    expect(await check('a.js', 'var await = 1;\nfunction f() { return await; }\n')).toBeUndefined();
  });
});
