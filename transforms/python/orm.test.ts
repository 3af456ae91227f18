import { describe, expect, it } from 'vitest';
import type { PyTree as Tree } from './tree.js';
import type { SourceText } from '../core/types.js';
import { OrmIndex, type PyType } from './orm.js';
import { childrenOf, loadPythonParser, parsePython } from './parser.js';
import { buildProject, type Project } from './project.js';

async function index(files: Record<string, string>): Promise<Project> {
  const parser = await loadPythonParser();
  const sources: SourceText[] = Object.entries(files).map(([p, text]) => ({ path: p, absPath: `/nowhere/${p}`, text }));
  const trees = new Map<string, Tree>(sources.map((s) => [s.path, parsePython(parser, s.text)]));
  return buildProject('/nowhere', sources, trees);
}

const describeType = (t: PyType | undefined) => (t ? `${t.kind} ${t.kind === 'list' ? '' : (t.model?.cls.name ?? '')}` : 'unknown');

// h1 returns h2(), ..., h13 returns a Book: typed from h1, h13's return value lies past the depth limit.
const CHAIN = [
  'from django.db import models',
  '',
  'class Book(models.Model):',
  '    title = models.CharField(max_length=10)',
  '',
  ...Array.from({ length: 12 }, (_, i) => `def h${i + 1}():\n    return h${i + 2}()\n`),
  'def h13():',
  '    return Book.objects.get(pk=1)',
  '',
].join('\n');

describe('ORM type inference', () => {
  it('answers alike whichever question comes first (a type computed past the depth limit is not kept)', async () => {
    const answers = async (order: string[]) => {
      const project = await index({ 'shop/helpers.py': CHAIN });
      const orm = new OrmIndex(project);
      const fns = new Map(project.functions.map((f) => [f.name, f]));
      const out = new Map(order.map((name) => [name, describeType(orm.returnType(fns.get(name)!, 0))]));
      return order.slice().sort().map((name) => `${name}: ${out.get(name)}`);
    };
    const deepFirst = await answers(['h13', 'h1']);
    const topFirst = await answers(['h1', 'h13']);
    expect(topFirst).toEqual(deepFirst);
    expect(topFirst).toEqual(['h1: unknown', 'h13: instance Book']);
  });

  it('answers an expression alike whichever is asked first (typeOf keeps its answers per expression)', async () => {
    const answers = async (order: string[]) => {
      const project = await index({ 'shop/helpers.py': CHAIN });
      const orm = new OrmIndex(project);
      const fns = new Map(project.functions.map((f) => [f.name, f]));
      // The value each helper returns (`h2()` in h1), asked as the rules ask: from outside, twice.
      const ask = (name: string) => {
        const fn = fns.get(name)!;
        const value = childrenOf(fn.body.descendantsOfType('return_statement')[0])[0]!;
        return describeType(orm.typeOf(fn.module, fn, value));
      };
      const out = new Map(order.map((name) => [name, ask(name)]));
      for (const name of order) expect(ask(name)).toBe(out.get(name));
      return order.slice().sort().map((name) => `${name}: ${out.get(name)}`);
    };
    const deepFirst = await answers(['h12', 'h1']);
    const topFirst = await answers(['h1', 'h12']);
    expect(topFirst).toEqual(deepFirst);
    expect(topFirst).toEqual(['h1: unknown', 'h12: instance Book']);
  });

  it("forgets an expression's kept type when a parameter hint it read changes", async () => {
    const project = await index({
      'shop/helpers.py': ['from django.db import models', '', 'class Book(models.Model):', '    title = models.CharField(max_length=10)', '', 'def passes(book):', '    return book', ''].join('\n'),
    });
    const orm = new OrmIndex(project);
    const fn = project.functions.find((f) => f.name === 'passes')!;
    const value = childrenOf(fn.body.descendantsOfType('return_statement')[0])[0]!;
    expect(describeType(orm.typeOf(fn.module, fn, value))).toBe('unknown');
    const book: PyType = { kind: 'instance', model: [...orm.models.values()][0] };
    orm.setParamHints(new Map([[fn.id, new Map([['book', book]])]]));
    expect(describeType(orm.typeOf(fn.module, fn, value))).toBe('instance Book');
  });

  it('computes again the types that read a parameter hint when it changes, and only those', async () => {
    const project = await index({
      'shop/helpers.py': [
        'from django.db import models',
        '',
        'class Book(models.Model):',
        '    title = models.CharField(max_length=10)',
        '',
        'def passes(book):',
        '    return book',
        '',
        'def fetches(book):',
        '    return Book.objects.get(pk=1)',
        '',
      ].join('\n'),
    });
    const orm = new OrmIndex(project);
    const fns = new Map(project.functions.map((f) => [f.name, f]));
    const ask = () => ['passes', 'fetches'].map((name) => `${name}: ${describeType(orm.returnType(fns.get(name)!, 0))}`);
    expect(ask()).toEqual(['passes: unknown', 'fetches: instance Book']);
    const book = orm.returnType(fns.get('fetches')!, 0)!;
    orm.setParamHints(new Map([[fns.get('passes')!.id, new Map([['book', book]])]]));
    expect(ask()).toEqual(['passes: instance Book', 'fetches: instance Book']);
    // The same hint again changes nothing; another function's hint leaves this one's type alone.
    orm.setParamHints(new Map([[fns.get('passes')!.id, new Map([['book', { ...book }]])], [fns.get('fetches')!.id, new Map([['book', book]])]]));
    expect(ask()).toEqual(['passes: instance Book', 'fetches: instance Book']);
    // Once the hints are final, the types that read one are no longer listed for dropping: another hint is refused.
    orm.finishParamHints();
    expect(ask()).toEqual(['passes: instance Book', 'fetches: instance Book']);
    expect(() => orm.setParamHints(new Map([[fns.get('passes')!.id, new Map()]]))).toThrow(/after finishParamHints/);
  });
});
