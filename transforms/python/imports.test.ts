import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../core/edits.js';
import type { ImportRequest } from '../core/types.js';
import { renderPythonImports } from './imports.js';
import { loadPythonParser } from './parser.js';

beforeAll(async () => {
  await loadPythonParser();
});

const render = (text: string, requests: ImportRequest[]) => applyEdits(text, renderPythonImports(text, requests));
const asyncio: ImportRequest = { module: 'asyncio', kind: 'namespace', local: 'asyncio' };
const s2a: ImportRequest = { module: 'asgiref.sync', kind: 'named', name: 'sync_to_async', local: 'sync_to_async' };

describe('renderPythonImports', () => {
  it('adds after the last top-level import', () => {
    expect(render('import os\nfrom x import y\n\n\ndef f():\n    import json\n', [asyncio, s2a])).toBe(
      'import os\nfrom x import y\nimport asyncio\nfrom asgiref.sync import sync_to_async\n\n\ndef f():\n    import json\n',
    );
  });

  it('merges into an existing from-import, also a parenthesised one', () => {
    expect(render('from asgiref.sync import async_to_sync\n', [s2a])).toBe('from asgiref.sync import async_to_sync, sync_to_async\n');
    expect(render('from asgiref.sync import (\n    async_to_sync,\n)\n', [s2a])).toBe('from asgiref.sync import (\n    async_to_sync,\n    sync_to_async,\n)\n');
  });

  it('merges a new name into one from-import when the module has several', () => {
    const auth = (name: string): ImportRequest => ({ module: 'django.contrib.auth', kind: 'named', name, local: name });
    expect(render('from django.contrib.auth import get_user_model\nfrom django.contrib.auth import views as auth_views\n', [auth('get_user')])).toBe(
      'from django.contrib.auth import get_user, get_user_model\nfrom django.contrib.auth import views as auth_views\n',
    );
    // The first statement loses its only name: the new one goes into the statement that stays.
    const text = 'from django.contrib.auth import login\nfrom django.contrib.auth import logout\n\nX = logout\n';
    expect(applyEdits(text, renderPythonImports(text, [auth('alogin')], { firstParty: new Set(), unused: new Set(['login']) }))).toBe(
      'from django.contrib.auth import alogin, logout\n\nX = logout\n',
    );
  });

  it('adds nothing that is already imported', () => {
    expect(render('import asyncio\nfrom asgiref.sync import sync_to_async\n', [asyncio, s2a])).toBe('import asyncio\nfrom asgiref.sync import sync_to_async\n');
  });

  it('goes after the module docstring, or first when there is nothing else', () => {
    expect(render('"""Doc."""\n\nX = 1\n', [asyncio])).toBe('"""Doc."""\n\nimport asyncio\n\nX = 1\n');
    expect(render('# a comment\nX = 1\n', [asyncio])).toBe('# a comment\nimport asyncio\n\n\nX = 1\n');
  });

  it('renders an alias the edits chose', () => {
    expect(render('import os\n', [{ module: 'asyncio', kind: 'namespace', local: 'aio' }])).toBe('import asyncio as aio\nimport os\n');
  });

  it('puts a new import into its isort group, or a group of its own in group order', () => {
    const grouped = 'import time\nfrom datetime import timedelta\n\nimport requests\nfrom django.conf import settings\n\nfrom .models import Book\n\nX = 1\n';
    expect(render(grouped, [asyncio, s2a, { module: 'httpx', kind: 'namespace', local: 'httpx' }])).toBe(
      'import asyncio\nimport time\nfrom datetime import timedelta\n\nimport httpx\nimport requests\nfrom asgiref.sync import sync_to_async\nfrom django.conf import settings\n\nfrom .models import Book\n\nX = 1\n',
    );
    expect(render('from django.db import models\n\nfrom .models import Book\n', [asyncio])).toBe('import asyncio\n\nfrom django.db import models\n\nfrom .models import Book\n');
    expect(render('import time\n\n\ndef f():\n    pass\n', [s2a])).toBe('import time\n\nfrom asgiref.sync import sync_to_async\n\n\ndef f():\n    pass\n');
    const firstParty = { firstParty: new Set(['shop']), unused: new Set<string>() };
    expect(applyEdits('from shop.services import f\n', renderPythonImports('from shop.services import f\n', [s2a], firstParty))).toBe(
      'from asgiref.sync import sync_to_async\n\nfrom shop.services import f\n',
    );
  });

  it('merges a name in sorted position when the list is sorted, at the end otherwise', () => {
    const named = (name: string): ImportRequest => ({ module: 'shop.services', kind: 'named', name, local: name });
    expect(render('from shop.services import Book, stock_of\n', [named('astock_of')])).toBe('from shop.services import Book, astock_of, stock_of\n');
    expect(render('from shop.services import stock_of, describe\n', [named('astock_of')])).toBe('from shop.services import stock_of, describe, astock_of\n');
  });

  it('drops imports the rewrite left unused, keeping the layout of the rest', () => {
    const unused = (names: string[]) => ({ firstParty: new Set<string>(), unused: new Set(names) });
    const text = 'import time\n\nimport requests\nfrom django.shortcuts import get_object_or_404, render\n\n\ndef f():\n    pass\n';
    expect(applyEdits(text, renderPythonImports(text, [asyncio, { module: 'django.shortcuts', kind: 'named', name: 'aget_object_or_404', local: 'aget_object_or_404' }], unused(['time', 'requests', 'get_object_or_404'])))).toBe(
      'import asyncio\n\nfrom django.shortcuts import aget_object_or_404, render\n\n\ndef f():\n    pass\n',
    );
    const multi = 'from asgiref.sync import (\n    async_to_sync,\n    sync_to_async,\n)\n';
    expect(applyEdits(multi, renderPythonImports(multi, [], unused(['sync_to_async'])))).toBe('from asgiref.sync import (\n    async_to_sync,\n)\n');
    expect(applyEdits('import json\n\nimport requests\n\n\nX = 1\n', renderPythonImports('import json\n\nimport requests\n\n\nX = 1\n', [], unused(['requests'])))).toBe('import json\n\n\nX = 1\n');
  });
});
