import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PyTree as Tree } from './tree.js';
import type { SourceText } from '../core/types.js';
import { loadPythonParser, parsePython } from './parser.js';
import { buildProject, dottedNamesFor, ProjectBuilder, resolveExpr, type Project } from './project.js';

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

describe('src-layout packages', () => {
  it('are importable by the names below src/ when their directory declares a package', async () => {
    const root = mkdtempSync(nodePath.join(tmpdir(), 'awaitify-src-layout-'));
    try {
      for (const [dir, manifest] of [['libs/core', 'pyproject.toml'], ['tools/cli', 'setup.cfg']] as const) {
        mkdirSync(nodePath.join(root, dir), { recursive: true });
        writeFileSync(nodePath.join(root, dir, manifest), '');
      }
      const files: Record<string, string> = {
        'libs/core/src/acme_core/__init__.py': '',
        'libs/core/src/acme_core/rates.py': 'def rate():\n    pass\n',
        'tools/cli/src/acme_cli/main.py': 'def run():\n    pass\n',
        // No pyproject.toml, setup.py or setup.cfg above this src/: not a package.
        'scripts/src/loose/job.py': 'def job():\n    pass\n',
        'shop/views.py': 'from acme_core.rates import rate\n\ndef v():\n    rate()\n',
      };
      const parser = await loadPythonParser();
      const sources: SourceText[] = Object.entries(files).map(([p, text]) => ({ path: p, absPath: nodePath.join(root, p), text }));
      const p = buildProject(root, sources, new Map<string, Tree>(sources.map((s) => [s.path, parsePython(parser, s.text)])));
      expect(p.byPath.get('libs/core/src/acme_core/rates.py')!.dotted).toEqual(['libs.core.src.acme_core.rates', 'acme_core.rates']);
      expect(p.byPath.get('libs/core/src/acme_core/__init__.py')!.dotted).toEqual(['libs.core.src.acme_core', 'acme_core']);
      expect(p.byPath.get('tools/cli/src/acme_cli/main.py')!.dotted).toEqual(['tools.cli.src.acme_cli.main', 'acme_cli.main']);
      expect(p.byPath.get('scripts/src/loose/job.py')!.dotted).toEqual(['scripts.src.loose.job']);
      expect(calleeOf(p, 'shop/views.py', 'v')).toBe(p.byPath.get('libs/core/src/acme_core/rates.py')!.functions[0]!.id);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
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

describe('ProjectBuilder', () => {
  const files: Record<string, string> = {
    'site/manage.py': 'def main(:\n    pass\n',
    'site/shop/views.py': 'from shop.helpers import load\n\n\ndef view(request):\n    return load()\n',
    'site/shop/helpers.py': 'def load():\n    return 1\n',
  };

  async function sourcesAndTrees() {
    const parser = await loadPythonParser();
    const sources: SourceText[] = Object.entries(files).map(([p, text]) => ({ path: p, absPath: `/nowhere/${p}`, text }));
    return { sources, trees: new Map<string, Tree>(sources.map((s) => [s.path, parsePython(parser, s.text)])) };
  }

  const summary = (p: Project) => p.modules.map((m) => [m.path, m.dotted, [...m.imports.keys()], m.functions.map((f) => f.id)]);

  it('gives buildProject\'s project when every file is kept', async () => {
    const { sources, trees } = await sourcesAndTrees();
    const builder = new ProjectBuilder('/nowhere', sources);
    for (const s of sources) builder.add(s, trees.get(s.path)!);
    const built = builder.finish(sources, trees);
    expect(summary(built)).toEqual(summary(buildProject('/nowhere', sources, trees)));
    expect(calleeOf(built, 'site/shop/views.py', 'view')).toBe('site/shop/helpers.py::load');
  });

  it('indexes again when a file left out (it does not parse) changes the import roots', async () => {
    const { sources, trees } = await sourcesAndTrees();
    trees.delete('site/manage.py');
    const kept = sources.filter((s) => trees.has(s.path));
    const builder = new ProjectBuilder('/nowhere', sources);
    for (const s of kept) builder.add(s, trees.get(s.path)!);
    const built = builder.finish(kept, trees);
    // Without site/manage.py, `shop.helpers` is not importable by that name.
    expect(summary(built)).toEqual(summary(buildProject('/nowhere', kept, trees)));
    expect(built.modules.map((m) => m.dotted)).toEqual([['site.shop.views'], ['site.shop.helpers']]);
    expect(calleeOf(built, 'site/shop/views.py', 'view')).toBe('shop.helpers.load');
  });
});
