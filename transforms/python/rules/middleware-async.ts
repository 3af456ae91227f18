// The project's middleware (listed in MIDDLEWARE) becomes async-capable, so
// Django does not hop to a thread for it on every request.
import type { Node } from 'web-tree-sitter';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { awaitEdits, indentUnit, lineIndent, ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import type { EntryInfo, MiddlewareInfo } from '../entries.js';
import { childrenOf, field } from '../parser.js';
import { externalAncestors, type Project, type PyModule } from '../project.js';

const RULE = 'middleware-async';

export const middlewareAsync: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '3.1' },
    docs: {
      summary: "Makes the project's own middleware async-capable and reports sync-only middleware from elsewhere.",
      whatItDoes:
        "For each project middleware in settings.MIDDLEWARE: a class gets `async_capable = True` and `sync_capable = False`, its __init__ calls `markcoroutinefunction(self)` when get_response is a coroutine function, and __call__ becomes `async def` awaiting `self.get_response(request)` (process_view/process_exception/process_template_response may stay sync: Django adapts them). A function middleware factory gets `@async_only_middleware` and its inner middleware becomes `async def` awaiting get_response. Middleware built on MiddlewareMixin and middleware from other packages are reported: each sync-only middleware costs a thread hop per request under ASGI.",
      why: 'Under ASGI, Django runs a sync-only middleware through sync_to_async on every request, which serialises requests through a thread and defeats async views.',
      example: {
        before:
          "class TimingMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        response = self.get_response(request)\n        return response\n\n\nMIDDLEWARE = [\"example.TimingMiddleware\"]\n",
        after:
          "class TimingMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        response = self.get_response(request)\n        return response\n\n\nMIDDLEWARE = [\"example.TimingMiddleware\"]\n",
      },
      safety:
        'Safe: Django adapts the rest of the chain. With sync_capable = False the middleware is async under WSGI too (Django adapts it there, at the cost of a thread hop). Code in __call__ that blocks is rewritten by the other rules.',
    },
  }),
  detect(fc) {
    const mw = fc.entries?.middleware.find((m) => m.call?.id === fc.fn.id);
    if (!mw || fc.fn.isAsync) return [];
    if (!fc.ac.django('3.1')) return [];
    return mw.cls ? classSites(fc, mw) : functionSites(fc, mw);
  },
};

function classSites(fc: FunctionContext, mw: MiddlewareInfo): Site[] {
  const cls = mw.cls!;
  if (externalAncestors(fc.project, cls).some((n) => /MiddlewareMixin$/.test(n))) return [];
  const init = cls.methods.get('__init__');
  const param = init?.paramNames[1];
  let attr: string | undefined;
  let assignStmt: Node | undefined;
  for (const stmt of childrenOf(init?.body)) {
    const a = childrenOf(stmt)[0];
    if (stmt.type !== 'expression_statement' || a?.type !== 'assignment') continue;
    const left = field(a, 'left');
    const right = field(a, 'right');
    if (left?.type === 'attribute' && field(left, 'object')?.text === init!.paramNames[0] && right?.text === param) {
      attr = field(left, 'attribute')!.text;
      assignStmt = stmt;
    }
  }
  const self = fc.fn.paramNames[0];
  const calls = fc.calls().filter((c) => {
    const f = field(c, 'function');
    return f?.type === 'attribute' && field(f, 'object')?.text === self && field(f, 'attribute')?.text === attr && !fc.isAwaited(c);
  });
  if (!init || !attr || !assignStmt || calls.length === 0) {
    return [fc.site(RULE, fc.fn.node, 'manual', `${cls.name} is listed in MIDDLEWARE but does not store get_response in __init__ and call it in __call__; make it async-capable by hand`, [], { seed: false })];
  }
  const text = fc.module.text;
  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const hasFlag = (name: string) => cls.attrs.has(name);
  if (!hasFlag('async_capable') && !hasFlag('sync_capable')) {
    const body = childrenOf(cls.body);
    const first = body[0];
    const docstring = first?.type === 'expression_statement' && childrenOf(first)[0]?.type === 'string' ? first : undefined;
    const indent = lineIndent(text, (first ?? cls.body).startIndex);
    if (docstring) edits.push({ start: docstring.endIndex, end: docstring.endIndex, text: `\n\n${indent}async_capable = True\n${indent}sync_capable = False` });
    else edits.push({ start: first!.startIndex, end: first!.startIndex, text: `async_capable = True\n${indent}sync_capable = False\n\n${indent}` });
  }
  if (!/markcoroutinefunction/.test(init.body.text)) {
    const isco = fc.namedImport('asgiref.sync', 'iscoroutinefunction');
    const mark = fc.namedImport('asgiref.sync', 'markcoroutinefunction');
    imports.push(isco, mark);
    const indent = lineIndent(text, assignStmt.startIndex);
    const unit = indentUnit(init);
    edits.push({
      start: assignStmt.endIndex,
      end: assignStmt.endIndex,
      text: `\n${indent}if ${isco.local}(${init.paramNames[0]}.${attr}):\n${indent}${unit}${mark.local}(${init.paramNames[0]})`,
    });
  }
  const sites: Site[] = [];
  calls.forEach((call, i) => {
    sites.push(
      fc.site(
        RULE,
        call,
        'safe',
        i === 0
          ? `${cls.name} is in MIDDLEWARE and sync-only, which costs a thread hop per request under ASGI; it becomes async-capable (async_capable = True, sync_capable = False, markcoroutinefunction) and awaits ${call.text.split('(')[0]}()`
          : `await ${call.text.split('(')[0]}() in the async middleware`,
        i === 0 ? [...awaitEdits(call), ...edits] : awaitEdits(call),
        i === 0 ? { imports } : {},
      ),
    );
  });
  return sites;
}

function functionSites(fc: FunctionContext, mw: MiddlewareInfo): Site[] {
  const factory = mw.factory!;
  const param = factory.paramNames[0];
  if (factory.decorators.some((d) => /_middleware$/.test(d.text))) return [];
  const calls = fc.calls().filter((c) => field(c, 'function')?.text === param && !fc.isAwaited(c));
  if (!param || calls.length === 0) {
    return [fc.site(RULE, fc.fn.node, 'manual', `${factory.name} is listed in MIDDLEWARE but its inner function does not call ${param ?? 'get_response'}; make it async by hand`, [], { seed: false })];
  }
  const deco = fc.namedImport('django.utils.decorators', 'async_only_middleware');
  const indent = lineIndent(fc.module.text, factory.outer.startIndex);
  return calls.map((call, i) =>
    fc.site(
      RULE,
      call,
      'safe',
      i === 0
        ? `${factory.name} is in MIDDLEWARE and sync-only, which costs a thread hop per request under ASGI; it becomes @async_only_middleware and its inner function awaits ${param}()`
        : `await ${param}() in the async middleware`,
      i === 0 ? [...awaitEdits(call), { start: factory.outer.startIndex, end: factory.outer.startIndex, text: `@${deco.local}\n${indent}` }] : awaitEdits(call),
      i === 0 ? { imports: [deco] } : {},
    ),
  );
}

/** Middleware in MIDDLEWARE that awaitify cannot convert: other packages' and MiddlewareMixin-based. */
export function foreignMiddlewareFindings(entries: EntryInfo, project: Project): { module: PyModule; node: Node; message: string }[] {
  const out: { module: PyModule; node: Node; message: string }[] = entries.foreignMiddleware.map((m) => ({
    module: m.module,
    node: m.node,
    message: `${m.name} comes from another package; if it is sync-only (no async_capable = True), Django runs it in a thread on every request under ASGI. Check its docs or replace it with an async-capable version`,
  }));
  for (const mw of entries.middleware) {
    if (!mw.cls || !externalAncestors(project, mw.cls).some((n) => /MiddlewareMixin$/.test(n))) continue;
    out.push({
      module: mw.cls.module,
      node: field(mw.cls.node, 'name') ?? mw.cls.node,
      message: `${mw.cls.name} is built on MiddlewareMixin: under ASGI Django runs its process_request/process_response through sync_to_async on every request. Rewrite it as an async middleware (async_capable = True, async def __call__) to drop the thread hop`,
    });
  }
  return out;
}
