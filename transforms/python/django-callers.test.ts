// Which functions Django calls synchronously: the settings and registry forms
// that findDjangoCallers recognises, on small projects parsed in memory.
import { describe, expect, it } from 'vitest';
import type { PyTree as Tree } from './tree.js';
import { findDjangoCallers } from './django-callers.js';
import { loadPythonParser, parsePython } from './parser.js';
import { buildProject } from './project.js';

async function callers(files: Record<string, string>, django = '5.1') {
  const parser = await loadPythonParser();
  const trees = new Map<string, Tree>();
  const sources = Object.entries(files).map(([rel, text]) => {
    trees.set(rel, parsePython(parser, text));
    return { path: rel, absPath: `/nowhere/${rel}`, text };
  });
  const project = buildProject('/nowhere', sources, trees);
  const found = findDjangoCallers(project, django);
  return new Map([...found.called].map(([id, c]) => [id, c.kind]));
}

const PROCESSORS = 'def cart(request):\n    return {}\n\n\ndef banner(request):\n    return {}\n\n\ndef helper():\n    return 1\n';

describe('findDjangoCallers', () => {
  it('reads context processors from a literal, `+=` and `.append()`, in any settings module', async () => {
    const found = await callers({
      'shop/__init__.py': '',
      'shop/context_processors.py': PROCESSORS,
      'config/settings/base.py': 'TEMPLATES = [{"OPTIONS": {"context_processors": ("shop.context_processors.cart",)}}]\n',
      'config/settings/prod.py': 'from .base import *\n\nTEMPLATES[0]["OPTIONS"]["context_processors"].append("shop.context_processors.banner")\n',
    });
    expect(found.get('shop/context_processors.py::cart')).toBe('context-processor');
    expect(found.get('shop/context_processors.py::banner')).toBe('context-processor');
    expect(found.has('shop/context_processors.py::helper')).toBe(false);
  });

  it('follows a re-export and a project run from the folder above it', async () => {
    const found = await callers({
      'site/shop/__init__.py': 'from .context_processors import cart\n',
      'site/shop/context_processors.py': PROCESSORS,
      'site/proj/settings.py': 'TEMPLATES = [{"OPTIONS": {"context_processors": ["shop.cart"]}}]\n',
    });
    expect(found.get('site/shop/context_processors.py::cart')).toBe('context-processor');
  });

  it('finds receivers, converters, actions and template registrations in their call forms', async () => {
    const found = await callers({
      'app/__init__.py': '',
      'app/signals.py': 'from django.db.models.signals import post_save\n\n\ndef on_save(sender, **kw):\n    pass\n\n\ndef setup():\n    post_save.connect(receiver=on_save)\n',
      'app/conv.py': 'class Year:\n    def to_python(self, v):\n        return int(v)\n\n    def to_url(self, v):\n        return str(v)\n\n    def other(self):\n        pass\n',
      'app/urls.py': 'from django.urls import register_converter\n\nfrom app.conv import Year\n\nregister_converter(Year, "yyyy")\n',
      'app/admin.py': 'from django.contrib import admin\n\n\ndef archive(modeladmin, request, qs):\n    pass\n\n\nadmin.site.add_action(archive)\n',
      'app/tags.py': 'from django import template\n\nregister = template.Library()\n\n\ndef cut(value, arg):\n    return value\n\n\nregister.filter("cut", cut)\n',
    });
    expect(found.get('app/signals.py::on_save')).toBe('signal-receiver');
    expect(found.has('app/signals.py::setup')).toBe(false);
    expect(found.get('app/conv.py::Year.to_python')).toBe('url-converter');
    expect(found.get('app/conv.py::Year.to_url')).toBe('url-converter');
    expect(found.has('app/conv.py::Year.other')).toBe(false);
    expect(found.get('app/admin.py::archive')).toBe('admin-action');
    expect(found.get('app/tags.py::cut')).toBe('template-tag');
  });

  it('ignores `.filter()` on something that is not a template Library, and a local `register`', async () => {
    const found = await callers({
      'app/__init__.py': '',
      'app/q.py': 'from app.models import Item\n\n\ndef pick(x):\n    return x\n\n\ndef run(register):\n    register.filter(pick)\n    return Item.objects.filter(pick)\n',
    });
    expect(found.size).toBe(0);
  });
});
