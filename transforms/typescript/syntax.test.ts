import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { awaitedText, awaitWrapEdits } from './syntax.js';

/** Replaces the call `f()` in `code` with awaitedText of it, and checks the result parses. */
function awaited(code: string): string {
  const sf = ts.createSourceFile('a.ts', `async function h() { ${code} }`, ts.ScriptTarget.Latest, true);
  let target: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'f') target = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const text = sf.text.slice(0, target!.getStart()) + awaitedText(target!, target!.getText()) + sf.text.slice(target!.getEnd());
  const reparsed = ts.createSourceFile('b.ts', text, ts.ScriptTarget.Latest, true);
  expect((reparsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  return text.slice('async function h() { '.length, -' }'.length);
}

describe('awaitedText', () => {
  it.each([
    ['const x = f();', 'const x = await f();'],
    ['return f();', 'return await f();'],
    ['f();', 'await f();'],
    ['g(f(), 1);', 'g(await f(), 1);'],
    ['x = f();', 'x = await f();'],
    ['x ||= f();', 'x ||= await f();'],
    ['const { a } = f();', 'const { a } = await f();'],
    ['return `${f()}`;', 'return `${await f()}`;'],
    ['const y = [f()];', 'const y = [await f()];'],
    ['const o = { k: f() };', 'const o = { k: await f() };'],
    ['a, f();', 'a, await f();'],
    ['return (f());', 'return (await f());'],
    ['const s = f() as string;', 'const s = (await f()) as string;'],
  ])('%s', (code, expected) => expect(awaited(code)).toBe(expected));

  it.each([
    ['f().length;', '(await f()).length;'],
    ['f()?.x;', '(await f())?.x;'],
    ['f()[0];', '(await f())[0];'],
    ['f()();', '(await f())();'],
    ['new (f())();', 'new (await f())();'],
    ['f()`t`;', '(await f())`t`;'],
    ['f()!;', '(await f())!;'],
    ['const c = class extends f() {};', 'const c = class extends (await f()) {};'],
    ['x = f() ** 2;', 'x = (await f()) ** 2;'],
    ['x = !f();', 'x = !(await f());'],
    ['x = typeof f();', 'x = typeof (await f());'],
    ['x = f() ?? d;', 'x = (await f()) ?? d;'],
    ['x = d ?? f();', 'x = d ?? (await f());'],
    ['x = a + f();', 'x = a + (await f());'],
    ['x = f() ? 1 : 2;', 'x = (await f()) ? 1 : 2;'],
    ['x = c ? f() : 2;', 'x = c ? await f() : 2;'],
    ['g(...f());', 'g(...(await f()));'],
  ])('parenthesises %s', (code, expected) => expect(awaited(code)).toBe(expected));

  it('wraps without touching the node text, so nested edits compose', () => {
    const sf = ts.createSourceFile('a.ts', 'x = f(1).y;', ts.ScriptTarget.Latest, true);
    const call = (sf.statements[0] as ts.ExpressionStatement).expression as ts.BinaryExpression;
    const inner = (call.right as ts.PropertyAccessExpression).expression;
    expect(awaitWrapEdits(inner)).toEqual([
      { start: 4, end: 4, text: '(await ' },
      { start: 8, end: 8, text: ')' },
    ]);
  });
  describe('a statement that starts with the inserted parenthesis', () => {
    const firstCall = (code: string) => {
      const sf = ts.createSourceFile('a.js', code, ts.ScriptTarget.Latest, true);
      let found: ts.CallExpression | undefined;
      const visit = (n: ts.Node): void => {
        if (!found && ts.isCallExpression(n) && n.expression.getText() === 'load') found = n;
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return found!;
    };
    it.each([
      ['const out = {}\nload().items.push(1)\n', ';(await '],
      ['let n = 0\nload().run()\n', ';(await '],
      ['x()\nload().run()\n', ';(await '],
      ['const out = {};\nload().items.push(1);\n', '(await '],
      ['function f() {}\nload().run()\n', '(await '],
      ['if (a) { b() }\nload().run()\n', '(await '],
      ['if (a) b()\nload().run()\n', ';(await '],
      ['load().run()\n', '(await '],
      ['const v = load().run()\n', '(await '],
    ])('%j opens with %j', (code, opening) => expect(awaitWrapEdits(firstCall(code))[0].text).toBe(opening));
  });
});
