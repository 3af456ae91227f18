// A call that returns a coroutine, made in async code without await: the
// result is a coroutine object and the work never runs.
import type { PyNode as Node } from '../tree.js';
import { awaitEdits, needsParens, ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { calleeFunction } from '../callgraph.js';
import { TERMINAL_METHODS } from '../orm.js';
import { field } from '../parser.js';
import { containsYield } from '../generators.js';

const RULE = 'missing-await';
const ASYNC_ORM = new Set([...Object.values(TERMINAL_METHODS).filter((m) => m !== 'aiterator'), 'asave', 'adelete', 'arefresh_from_db', 'aadd', 'aremove', 'aclear', 'aset']);
const ASYNC_EXTERNAL = /^(asyncio\.(sleep|wait_for|to_thread|gather|wait)|django\.shortcuts\.aget_(object|list)_or_404|django\.contrib\.auth\.(aauthenticate|alogin|alogout|aget_user|aupdate_session_auth_hash))$/;

export const missingAwait: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    docs: {
      summary: 'Adds the await that a call of an async function or an a* ORM method is missing in async code.',
      whatItDoes:
        'Inside `async def` functions, a call whose result is a coroutine (a project `async def`, an `a*` QuerySet, manager, model or cache method, asyncio.sleep, aget_object_or_404, ...) used as a statement, assigned, or used through an attribute, gets `await`. Calls handed to other code (asyncio.gather, create_task, return) are left alone.',
      why: "A forgotten await is a silent bug: the coroutine never runs (no query, no sleep) and the variable holds a coroutine object (\"'coroutine' object has no attribute ...\").",
      example: {
        before:
          "from django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\nasync def detail(request, pk):\n    book = Book.objects.aget(pk=pk)\n    return book.title\n",
        after:
          "from django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\nasync def detail(request, pk):\n    book = await Book.objects.aget(pk=pk)\n    return book.title\n",
      },
      safety: 'Safe: the call was meant to run; awaiting it runs it.',
    },
  }),
  detect(fc) {
    if (!fc.fn.isAsync) return [];
    const sites: Site[] = [];
    for (const call of fc.calls()) {
      if (fc.isAwaited(call) || !usedAsValue(call)) continue;
      const what = coroutineCall(fc, call);
      if (!what || fc.cannotAwait(call)) continue;
      sites.push(fc.site(RULE, call, 'safe', `${what} returns a coroutine; without await it never runs`, awaitEdits(call), { seed: false }));
    }
    return sites;
  },
};

/** Positions where a coroutine object is certainly a mistake. */
function usedAsValue(call: Node): boolean {
  const p = call.parent;
  if (!p) return false;
  if (p.type === 'expression_statement') return true;
  if (p.type === 'assignment' && field(p, 'right')?.id === call.id) return true;
  return needsParens(call) && p.type !== 'call';
}

function coroutineCall(fc: FunctionContext, call: Node): string | undefined {
  const callee = field(call, 'function');
  if (!callee) return undefined;
  const target = calleeFunction(fc.project, fc.orm, fc.module, fc.fn, callee);
  // Calling an async generator returns an async iterator (consumed with `async for`), not a coroutine.
  if (target?.isAsync) return containsYield(target.body) ? undefined : `${callee.text}()`;
  const ext = fc.externalName(callee);
  if (ext && ASYNC_EXTERNAL.test(ext)) return `${callee.text}()`;
  if (ext && /^django\.core\.cache\.cache\.a\w+$/.test(ext)) return `${callee.text}()`;
  if (callee.type === 'attribute') {
    const name = field(callee, 'attribute')!.text;
    if (ASYNC_ORM.has(name)) {
      const t = fc.typeOf(field(callee, 'object')!);
      if (t) return `${callee.text}()`;
    }
  }
  return undefined;
}
