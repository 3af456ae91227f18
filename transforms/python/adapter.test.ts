// Behaviour of the whole Python adapter through the shared pipeline, on small
// projects written to a temporary directory.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigration, type MigrateOptions } from '../core/pipeline.js';
import { pythonAdapter } from './adapter.js';

async function migrate(files: Record<string, string>, options: Partial<MigrateOptions> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-py-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const result = await runMigration({ cwd: dir, paths: ['.'], adapters: [pythonAdapter], ...options });
  const out = (rel: string) => result.files.find((f) => f.path === rel)?.output ?? files[rel];
  return { result, out };
}

const URLS = 'from django.urls import include, path\n\nurlpatterns = [path("", include("shop.urls"))]\n';

describe('entry points', () => {
  it('finds views through URLconfs, include() and both reference forms', async () => {
    const { result, out } = await migrate({
      'project/urls.py': URLS,
      'shop/__init__.py': '',
      'shop/urls.py': 'from django.urls import path\n\nfrom . import views\nfrom .views import other\n\nurlpatterns = [path("a/", views.one), path("b/", other)]\n',
      'shop/views.py': 'import time\n\n\ndef one(r):\n    time.sleep(1)\n\n\ndef other(r):\n    time.sleep(1)\n\n\ndef unrouted(r):\n    time.sleep(1)\n',
    });
    expect(result.plan.entries.map((e) => e.name).sort()).toEqual(['one', 'other']);
    expect(out('shop/views.py')).toContain('async def one(r):');
    expect(out('shop/views.py')).toContain('async def other(r):');
    expect(out('shop/views.py')).toContain('def unrouted(r):\n    time.sleep(1)');
  });

  it('keeps a decorated view sync when the target is older than the decorator\'s async support', async () => {
    const files = {
      'views.py': 'import time\n\nfrom django.contrib.auth.decorators import login_required\n\n\n@login_required\ndef page(request):\n    time.sleep(1)\n',
    };
    const old = await migrate(files, { targets: { django: '5.0' } });
    expect(old.out('views.py')).toBe(files['views.py']);
    expect(old.result.findings.find((f) => f.rule === 'async-propagation')?.message).toContain('@login_required wraps async views only from Django 5.1');
    const current = await migrate(files, { targets: { django: '5.1' } });
    expect(current.out('views.py')).toContain('async def page(request):');
  });

  it('makes every handler of a class-based view async together, or none', async () => {
    const { out, result } = await migrate({
      'views.py': [
        'import time',
        'from django.views import View',
        'from django.views.generic import ListView',
        '',
        '',
        'class Plain(View):',
        '    def get(self, request):',
        '        time.sleep(1)',
        '',
        '    def post(self, request):',
        '        return None',
        '',
        '',
        'class Listing(ListView):',
        '    def post(self, request):',
        '        time.sleep(1)',
        '',
      ].join('\n'),
    });
    expect(out('views.py')).toContain('    async def get(self, request):');
    expect(out('views.py')).toContain('    async def post(self, request):\n        return None');
    expect(out('views.py')).toContain('class Listing(ListView):\n    def post(self, request):\n        time.sleep(1)');
    expect(result.findings.some((f) => f.safety === 'manual' && f.message.includes('derives from ListView'))).toBe(true);
  });
});

describe('api policy', () => {
  const files = {
    'views.py': 'from django.views.decorators.http import require_GET\n\nfrom helpers import slow\n\n\n@require_GET\ndef page(request):\n    return slow()\n',
    'helpers.py': 'import time\n\n\ndef slow():\n    time.sleep(1)\n    return 1\n',
    'tasks.py': 'from helpers import slow\n\nRESULT = slow()\n',
  };

  it('twin (the default): the sync function stays and an async twin is added', async () => {
    const { out, result } = await migrate(files);
    expect(out('helpers.py')).toBe('import asyncio\nimport time\n\n\ndef slow():\n    time.sleep(1)\n    return 1\n\n\nasync def aslow():\n    await asyncio.sleep(1)\n    return 1\n');
    expect(out('views.py')).toContain('from helpers import aslow\n');
    expect(out('views.py')).toContain('return await aslow()');
    expect(out('tasks.py')).toBe(files['tasks.py']);
    expect(result.plan.asyncFunctions.find((f) => f.name === 'slow')?.twin).toBe(true);
  });

  it('replace: the function becomes async in place and sync callers bridge with async_to_sync', async () => {
    const { out, result } = await migrate(files, { api: 'replace' });
    expect(out('helpers.py')).toBe('import asyncio\n\n\nasync def slow():\n    await asyncio.sleep(1)\n    return 1\n');
    expect(out('views.py')).toContain('async def page(request):\n    return await slow()');
    expect(out('tasks.py')).toBe('from asgiref.sync import async_to_sync\n\nfrom helpers import slow\n\nRESULT = async_to_sync(slow)()\n');
    const bridge = result.findings.find((f) => f.path === 'tasks.py');
    expect(bridge?.safety).toBe('review');
    expect(result.plan.boundaries.find((b) => b.kind === 'module-top-level' && b.callee === 'slow')?.reason).toContain('async_to_sync');
    expect(result.plan.asyncFunctions.find((f) => f.name === 'slow')?.twin).toBeUndefined();
  });

  it('replace: a function passed as a value stays sync and async callers use sync_to_async', async () => {
    const helpers = 'import time\n\n\ndef slow():\n    time.sleep(1)\n    return 1\n\n\ndef later(run):\n    return run(slow)\n';
    const view = 'import time\n\nfrom django.views.decorators.http import require_GET\n\nfrom helpers import slow\n\n\n@require_GET\ndef page(request):\n    time.sleep(1)\n    return slow()\n';
    const { out, result } = await migrate({ 'helpers.py': helpers, 'views.py': view }, { api: 'replace' });
    expect(out('helpers.py')).toBe(helpers);
    expect(out('views.py')).toContain('async def page(request):\n    await asyncio.sleep(1)\n    return await sync_to_async(slow)()');
    expect(result.plan.boundaries.some((b) => b.kind === 'callback' && b.callee === 'slow')).toBe(true);
  });

  it('reuses an existing async twin and never overwrites a sync function of the twin name', async () => {
    const reuse = await migrate({ ...files, 'helpers.py': `${files['helpers.py']}\n\nasync def aslow():\n    return 1\n` });
    expect(reuse.out('helpers.py')).toBe(`${files['helpers.py']}\n\nasync def aslow():\n    return 1\n`);
    expect(reuse.out('views.py')).toContain('return await aslow()');
    const taken = await migrate({ ...files, 'helpers.py': `${files['helpers.py']}\n\ndef aslow():\n    return 2\n` });
    expect(taken.out('helpers.py')).toContain('async def slow_async():');
    expect(taken.out('views.py')).toContain('return await slow_async()');
  });
});

describe('files', () => {
  it('skips a file that does not parse and migrates the others', async () => {
    const { result } = await migrate({
      'bad.py': 'print "python 2"\n',
      'views.py': 'import time\n\n\ndef v(request):\n    time.sleep(1)\n',
    }, { entry: 'all' });
    const bad = result.files.find((f) => f.path === 'bad.py')!;
    expect(bad.status).not.toBe('changed');
    expect(bad.reason).toContain('line 1');
    expect(result.files.find((f) => f.path === 'views.py')?.status).toBe('changed');
  });

  it('keeps CRLF line endings and tabs in inserted code', async () => {
    const text = 'import requests\r\n\r\n\r\ndef v(request):\r\n\tif request:\r\n\t\tr = requests.get(\r\n\t\t\t"u",\r\n\t\t)\r\n\treturn r\r\n';
    const { out } = await migrate({ 'views.py': text }, { entry: 'all' });
    expect(out('views.py')).toBe(
      'import httpx\r\n\r\n\r\nasync def v(request):\r\n\tif request:\r\n\t\tasync with httpx.AsyncClient(follow_redirects=True) as client:\r\n\t\t\tr = await client.get(\r\n\t\t\t\t"u",\r\n\t\t\t)\r\n\treturn r\r\n',
    );
  });
});
