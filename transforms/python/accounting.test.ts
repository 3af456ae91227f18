// The accounting pass through the whole adapter: which operations keep a view
// sync, which move into a sync_to_async block, and which are known harmless.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigration, type MigrateOptions } from '../core/pipeline.js';
import { pythonAdapter } from './adapter.js';

async function migrate(files: Record<string, string>, options: Partial<MigrateOptions> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-acct-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const result = await runMigration({ cwd: dir, paths: ['.'], adapters: [pythonAdapter], entry: 'all', ...options });
  const out = (rel: string) => result.files.find((f) => f.path === rel)?.output ?? files[rel];
  return { result, out };
}

const MODELS =
  'from django.db import models\n\n\nclass Author(models.Model):\n    name = models.CharField(max_length=100)\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    author = models.ForeignKey(Author, on_delete=models.CASCADE)\n\n\n';

describe('accounting', () => {
  it('makes a view async when every operation is converted or known harmless', async () => {
    const view =
      'import json\n\nfrom django.http import JsonResponse\nfrom django.urls import reverse\n\n\ndef titles(request, pk):\n    payload = json.loads(request.body)\n    count = Book.objects.count()\n    return JsonResponse({"count": count, "next": reverse("x"), "q": payload.get("q", "").strip(), "pk": f"{pk}"})\n';
    const { out, result } = await migrate({ 'views.py': `${MODELS}${view}` });
    expect(out('views.py')).toContain('async def titles(request, pk):\n    payload = json.loads(request.body)\n    count = await Book.objects.acount()\n');
    expect(result.findings.filter((f) => f.rule === 'sync-to-async-wrap' || f.safety === 'manual')).toEqual([]);
  });

  it('names the operation and its line when a view stays sync under --safety safe', async () => {
    const view = 'import thirdparty\n\n\ndef titles(request):\n    count = Book.objects.count()\n    thirdparty.ping(count)\n    return count\n';
    const { out, result } = await migrate({ 'views.py': `${MODELS}${view}` }, { safety: 'safe' });
    expect(out('views.py')).toContain('def titles(request):\n    count = Book.objects.count()');
    const manual = result.findings.find((f) => f.safety === 'manual' && f.message.startsWith('titles stays sync'));
    expect(manual?.message).toContain('`thirdparty.ping()` (thirdparty.ping) is not known to be safe in async code (it may query the database or block) at line 18');
  });

  it('reads a helper\'s Optional[Model] return as a model instance whose relation loads lazily', async () => {
    const view =
      'from typing import Optional\n\n\ndef find(pk) -> Optional[Book]:\n    return Book.objects.filter(pk=pk).first()\n\n\ndef author(request, pk):\n    total = Book.objects.count()\n    return (find(pk).author.name, total)\n';
    const { result } = await migrate({ 'views.py': `${MODELS}${view}` });
    const wrap = result.findings.find((f) => f.rule === 'sync-to-async-wrap' && f.safety === 'review');
    expect(wrap?.message).toContain('`find(pk).author` loads the related author lazily (a query)');
  });

  it('types a helper parameter from what every caller passes, so its field reads are harmless', async () => {
    const view =
      'def copies(book):\n    on_loan = Book.objects.filter(pk=book.pk).count()\n    return len(book.title) - on_loan\n\n\ndef detail(request, pk):\n    book = Book.objects.get(pk=pk)\n    return copies(book)\n';
    const { out, result } = await migrate({ 'views.py': `${MODELS}${view}` });
    expect(out('views.py')).toContain('async def copies(book):\n    on_loan = await Book.objects.filter(pk=book.pk).acount()\n    return len(book.title) - on_loan\n');
    expect(result.findings.filter((f) => f.rule === 'sync-to-async-wrap')).toEqual([]);
  });
});
