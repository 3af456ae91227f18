import { describe, expect, it } from 'vitest';
import type { PyTree as Tree } from './tree.js';
import type { SourceText } from '../core/types.js';
import { loadPythonParser, parsePython } from './parser.js';
import { buildProject, dottedNamesFor, resolveExpr, type Project } from './project.js';

async function index(files: Record<string, string>): Promise<Project> {
  const parser = await loadPythonParser();
  const sources: SourceText[] = Object.entries(files).map(([p, text]) => ({ path: p, absPath: `/nowhere/${p}`, text }));
  const trees = new Map<string, Tree>(sources.map((s) => [s.path, parsePython(parser, s.text)]));
  return buildProject('/nowhere', sources, trees);
}

/** What the callee of the first call in `fn` resolves to. */
function calleeOf(project: Project, path: string, fn: string): string | undefined {
  const module = project.byPath.get(path)!;
  const f = module.functions.find((x) => x.qualname === fn)!;
  const call = f.body.descendantsOfType('call')[0]!;
  const r = resolveExpr(project, module, f, call.childForFieldName('function')!);
  if (!r) return undefined;
  return r.kind === 'external' ? r.name : r.kind === 'function' ? r.fn.id : r.kind === 'class' ? r.cls.qualname : r.module.path;
}

describe('module paths', () => {
  it('are taken from the root and from the directory holding manage.py', () => {
    expect(dottedNamesFor('site/shop/views.py', ['', 'site']).names).toEqual(['site.shop.views', 'shop.views']);
    expect(dottedNamesFor('shop/__init__.py', ['']).names).toEqual(['shop']);
  });
});

describe('name resolution', () => {
  it('follows every import form', async () => {
    const p = await index({
      'manage.py': '',
      'app/__init__.py': '',
      'app/helpers.py': 'def f():\n    pass\n',
      'app/services.py': 'def x():\n    pass\n',
      'app/views.py': [
        'import time',
        'import time as t',
        'from time import sleep as nap',
        'import requests as r',
        'from . import helpers',
        'from .helpers import f',
        'from app.services import x',
        'import app.services',
        '',
        'def a():\n    time.sleep(1)',
        'def b():\n    t.sleep(1)',
        'def c():\n    nap(1)',
        'def d():\n    r.get("u")',
        'def e():\n    helpers.f()',
        'def g():\n    f()',
        'def h():\n    x()',
        'def i():\n    app.services.x()',
        '',
      ].join('\n'),
    });
    expect(calleeOf(p, 'app/views.py', 'a')).toBe('time.sleep');
    expect(calleeOf(p, 'app/views.py', 'b')).toBe('time.sleep');
    expect(calleeOf(p, 'app/views.py', 'c')).toBe('time.sleep');
    expect(calleeOf(p, 'app/views.py', 'd')).toBe('requests.get');
    expect(calleeOf(p, 'app/views.py', 'e')).toBe('app/helpers.py::f');
    expect(calleeOf(p, 'app/views.py', 'g')).toBe('app/helpers.py::f');
    expect(calleeOf(p, 'app/views.py', 'h')).toBe('app/services.py::x');
    expect(calleeOf(p, 'app/views.py', 'i')).toBe('app/services.py::x');
  });

  it('lets locals and module-level rebinding shadow imports', async () => {
    const p = await index({
      'm.py': 'import time\nfrom time import sleep\nsleep = print\n\ndef a(time):\n    time.sleep(1)\n\ndef b():\n    sleep(1)\n',
    });
    expect(calleeOf(p, 'm.py', 'a')).toBeUndefined();
    expect(calleeOf(p, 'm.py', 'b')).toBeUndefined();
  });

  it('resolves self.method() to the class or a project base class', async () => {
    const p = await index({
      'm.py': 'class Base:\n    def helper(self):\n        pass\n\nclass View(Base):\n    def get(self):\n        self.helper()\n',
    });
    const module = p.byPath.get('m.py')!;
    expect(module.classes.map((c) => c.qualname)).toEqual(['Base', 'View']);
    expect(module.functions.map((f) => f.qualname)).toEqual(['Base.helper', 'View.get']);
  });
});
