// Functions that keep their sync form (constructor functions, React
// components) and sites that cannot take an await (parameter defaults,
// optional chains), on the real catalog.
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { cutsOptionalChain, enclosingParameterDefault, returnsJsx } from './syncsites.js';
import { migrateFiles } from './test-helpers.js';

function parse(text: string, name = 'a.tsx'): ts.SourceFile {
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
}

function find<T extends ts.Node>(sf: ts.SourceFile, test: (n: ts.Node) => n is T, nth = 0): T {
  const found: T[] = [];
  const visit = (n: ts.Node): void => {
    if (test(n)) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found[nth]!;
}

describe('syntax helpers', () => {
  it('cutsOptionalChain: only where the chain goes on with a plain access after the node', () => {
    const sf = parse('s.load?.(p).trim(); s?.load(p)?.length; s?.load(p); a?.b(c)!.d;', 'a.ts');
    const all: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) all.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    const byText = new Map(all.map((c) => [c.getText(sf), c]));
    expect(cutsOptionalChain(byText.get('s.load?.(p)')!)).toBe(true);
    expect(cutsOptionalChain(byText.get('s?.load(p)')!)).toBe(false);
    expect(cutsOptionalChain(byText.get('a?.b(c)')!)).toBe(true);
    expect(cutsOptionalChain(byText.get('s.load?.(p).trim()')!)).toBe(false);
  });

  it('enclosingParameterDefault: defaults and destructuring defaults, not nested functions', () => {
    const sf = parse('function f(a = g(), { b = h() } = {}, cb = () => k()) { m(); }', 'a.ts');
    const call = (name: string) => find(sf, (n): n is ts.CallExpression => ts.isCallExpression(n) && n.expression.getText(sf) === name);
    expect(enclosingParameterDefault(call('g'))).toBeDefined();
    expect(enclosingParameterDefault(call('h'))).toBeDefined();
    expect(enclosingParameterDefault(call('k'))).toBeUndefined();
    expect(enclosingParameterDefault(call('m'))).toBeUndefined();
  });

  it('returnsJsx: direct, conditional, logical and mapped JSX; not JSX passed to a call', () => {
    const fn = (text: string) => find(parse(text), (n): n is ts.FunctionDeclaration => ts.isFunctionDeclaration(n));
    expect(returnsJsx(fn('function A() { return <div />; }'))).toBe(true);
    expect(returnsJsx(fn('function A(x) { if (x) return null; return x ? <a /> : <b />; }'))).toBe(true);
    expect(returnsJsx(fn('function A(x) { return x && <></>; }'))).toBe(true);
    expect(returnsJsx(fn('function A(xs) { return xs.map((x) => <li>{x}</li>); }'))).toBe(true);
    expect(returnsJsx(fn('function t() { return render(<App />); }'))).toBe(false);
    expect(returnsJsx(fn('function t() { const C = () => <p />; return C; }'))).toBe(false);
  });
});

describe('sync-only functions', () => {
  it('keeps a function called with `new` sync and reports its blocking call', async () => {
    const src = ["const fs = require('fs');", 'function Cfg(p) {', "  this.text = fs.readFileSync(p, 'utf8');", '}', 'module.exports = (p) => new Cfg(p);', ''].join('\n');
    const r = await migrateFiles({ 'c.js': src }, { real: true, entry: 'all' });
    expect(r.out['c.js']).toBe(src);
    expect(r.result.findings.map((f) => [f.rule, f.safety, f.line])).toEqual([['blocking-call-unmigrated', 'manual', 3]]);
  });

  it('an ordinary function in the same file still becomes async', async () => {
    const src = ["const fs = require('fs');", 'function Cfg(p) {', '  this.p = p;', '}', 'Cfg.prototype.read = 1;', 'function read(p) {', "  return fs.readFileSync(p, 'utf8');", '}', 'module.exports = { Cfg, read };', ''].join('\n');
    const r = await migrateFiles({ 'c.js': src }, { real: true, entry: 'all' });
    expect(r.out['c.js']).toContain('async function read(p) {');
    expect(r.out['c.js']).toContain('function Cfg(p) {');
  });

  it('a React component in a Next.js app/ file may be async, elsewhere not', async () => {
    const page = ["import { readFileSync } from 'node:fs';", "export default function Page() {", "  return <p>{readFileSync('x', 'utf8')}</p>;", '}', ''].join('\n');
    const next = await migrateFiles({ 'app/page.tsx': page }, { real: true, entry: 'all', targets: { framework: 'next' } });
    expect(next.out['app/page.tsx']).toContain('export default async function Page() {');
    const plain = await migrateFiles({ 'src/page.tsx': page }, { real: true, entry: 'all', targets: { framework: 'next' } });
    expect(plain.out['src/page.tsx']).toBe(page);
    const react = await migrateFiles({ 'app/page.tsx': page }, { real: true, entry: 'all' });
    expect(react.out['app/page.tsx']).toBe(page);
  });
});
