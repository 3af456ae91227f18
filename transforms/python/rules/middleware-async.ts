// The project's middleware (listed in MIDDLEWARE) becomes sync- and
// async-capable, so Django does not hop to a thread for it on every ASGI
// request, while the WSGI path stays the code it was.
import type { PyNode as Node } from '../tree.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { awaitEdits, indentUnit, lineIndent, ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import type { EntryInfo, MiddlewareInfo, MiddlewareShape } from '../entries.js';
import { childrenOf, field } from '../parser.js';
import { externalAncestors, publishedPackageOf, type Project, type PyClass, type PyModule } from '../project.js';

const RULE = 'middleware-async';

export const middlewareAsync: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '3.1' },
    docs: {
      summary: "Makes the project's own middleware sync- and async-capable (its sync path unchanged) and reports the middleware it cannot.",
      whatItDoes:
        "For each project middleware in settings.MIDDLEWARE whose `__call__` (or inner function) calls get_response: a class gets `async_capable = True` and `sync_capable = True`, its `__init__` calls `markcoroutinefunction(self)` when get_response is a coroutine function, its `__call__` keeps its sync body and hands over to a new `async def __acall__` when Django runs it async (`if iscoroutinefunction(self): return self.__acall__(request)`, Django's own MiddlewareMixin pattern). `__acall__` is a copy of `__call__` that awaits `self.get_response(request)` and in which every blocking operation is converted or wrapped by the other rules; when one cannot be, the middleware stays sync. A function middleware factory gets `@sync_and_async_middleware` and returns an `async def` copy of its inner function when get_response is a coroutine function. process_view/process_exception/process_template_response stay sync (Django adapts them in each mode). A middleware that reads `request.user` after get_response stays sync (the view may have logged a user in or out). With this rule skipped, project middleware stays sync. Middleware built on MiddlewareMixin and middleware from other packages are reported: each sync-only middleware costs a thread hop per request under ASGI.",
      why: 'Under ASGI, Django runs a sync-only middleware through sync_to_async on every request, which serialises requests through a thread and defeats async views. Under WSGI a sync path keeps the request synchronous: an async-only middleware would run every WSGI request through async_to_sync.',
      example: {
        before:
          "class TimingMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n    def __call__(self, request):\n        response = self.get_response(request)\n        return response\n\n\nMIDDLEWARE = [\"views.TimingMiddleware\"]\n",
        after:
          "from asgiref.sync import iscoroutinefunction, markcoroutinefunction\n\n\nclass TimingMiddleware:\n    async_capable = True\n    sync_capable = True\n\n    def __init__(self, get_response):\n        self.get_response = get_response\n        if iscoroutinefunction(self.get_response):\n            markcoroutinefunction(self)\n\n    def __call__(self, request):\n        if iscoroutinefunction(self):\n            return self.__acall__(request)\n        response = self.get_response(request)\n        return response\n\n    async def __acall__(self, request):\n        response = await self.get_response(request)\n        return response\n\n\nMIDDLEWARE = [\"views.TimingMiddleware\"]\n",
      },
      safety:
        'Safe: the sync path (WSGI, or a sync chain) is the code as it was; the async path is the same code with each blocking call in its async form or in sync_to_async, and Django picks the path per request mode. A middleware whose async path cannot be accounted for stays sync and is reported. Review when the class is public API of a published package (a manifest and no application manage.py above it): a subclass in a project inherits async_capable = True and gets an async get_response, which breaks one whose __init__ does not call super().__init__() or whose __call__ uses what super().__call__() returns.',
    },
  }),
  detect(fc) {
    const mw = fc.entries?.middleware.find((m) => m.call?.id === fc.fn.id);
    if (!mw || fc.fn.isAsync) return [];
    // A middleware that stays sync (mw.blocked) is reported by the adapter where it blocks.
    if (!mw.shape) return [];
    // A published package's middleware class is a review change (structureSite says why); the
    // awaits of get_response go into the async copy, so they carry that safety to it, and
    // `--safety safe` leaves the copy out with the rest.
    const pkg = mw.cls ? publishedMiddlewarePackage(fc.project, mw.cls) : undefined;
    const awaitSites = mw.shape.getResponseCalls.map((call) =>
      fc.site(RULE, call, pkg ? 'review' : 'safe', `await ${call.text.split('(')[0]}() in the async path${pkg ? ` (review: ${mw.cls!.name} is public API of a published package, ${pkg})` : ''}`, awaitEdits(call)),
    );
    return [...awaitSites, structureSite(fc, mw, mw.shape)];
  },
};

/**
 * The edits outside the async copy: flags and markcoroutinefunction (class) or the decorator
 * and the returned function (factory), and the hand-over at the top of the sync __call__. The
 * adapter copies a twin's own edits into the twin; this site's edits reach outside the
 * function (the class body, __init__, the factory), so they stay where they are.
 */
function structureSite(fc: FunctionContext, mw: MiddlewareInfo, shape: MiddlewareShape): Site {
  const text = fc.module.text;
  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const isco = fc.namedImport('asgiref.sync', 'iscoroutinefunction');
  imports.push(isco);
  const name = field(fc.fn.node, 'name') ?? fc.fn.node;
  if (mw.cls) {
    const cls = mw.cls;
    const init = shape.init!;
    const self = init.paramNames[0];
    const body = childrenOf(cls.body);
    const first = body[0];
    const docstring = first?.type === 'expression_statement' && childrenOf(first)[0]?.type === 'string' ? first : undefined;
    const indent = lineIndent(text, (first ?? cls.body).startIndex);
    if (docstring) edits.push({ start: docstring.endIndex, end: docstring.endIndex, text: `\n\n${indent}async_capable = True\n${indent}sync_capable = True` });
    else edits.push({ start: first!.startIndex, end: first!.startIndex, text: `async_capable = True\n${indent}sync_capable = True\n\n${indent}` });
    const mark = fc.namedImport('asgiref.sync', 'markcoroutinefunction');
    imports.push(mark);
    const initIndent = lineIndent(text, shape.initAssign!.startIndex);
    edits.push({
      start: shape.initAssign!.endIndex,
      end: shape.initAssign!.endIndex,
      text: `\n${initIndent}if ${isco.local}(${self}.${shape.getResponseAttr}):\n${initIndent}${indentUnit(init)}${mark.local}(${self})`,
    });
    const [callSelf, request] = fc.fn.paramNames;
    edits.push(handOver(fc, `if ${isco.local}(${callSelf}):`, `return ${callSelf}.${shape.twin}(${request})`));
    const pkg = publishedMiddlewarePackage(fc.project, cls);
    const message = `${cls.name} is in MIDDLEWARE and sync-only, which costs a thread hop per request under ASGI; it becomes sync- and async-capable (async_capable = sync_capable = True, markcoroutinefunction): __call__ keeps its sync path and hands over to ${shape.twin}(), its async copy, when Django runs the middleware async`;
    return fc.site(
      RULE,
      name,
      pkg ? 'review' : 'safe',
      pkg
        ? `${message}. It is public API of a published package (${pkg}): a subclass in a project that uses it inherits async_capable = True, so Django hands it an async get_response, and a subclass whose own __init__ does not call super().__init__() (so is not marked a coroutine function), or whose __call__ uses what super().__call__() returns, gets a coroutine where it got a response: check its users, or keep it sync`
        : message,
      edits,
      { imports, seed: false },
    );
  }
  const factory = mw.factory!;
  const deco = fc.namedImport('django.utils.decorators', 'sync_and_async_middleware');
  imports.push(deco);
  // Replacing the first character (rather than inserting before it) keeps the decorator after an
  // import inserted at the same offset when the factory starts the file's code.
  const at = factory.outer.startIndex;
  edits.push({ start: at, end: at + 1, text: `@${deco.local}\n${lineIndent(text, at)}${text[at]}` });
  const ret = shape.returnStmt!;
  const indent = lineIndent(text, ret.startIndex);
  edits.push({ start: ret.startIndex, end: ret.startIndex, text: `if ${isco.local}(${shape.getResponseParam}):\n${indent}${indentUnit(factory)}return ${shape.twin}\n${indent}` });
  return fc.site(
    RULE,
    name,
    'safe',
    `${factory.name} is in MIDDLEWARE and sync-only, which costs a thread hop per request under ASGI; it becomes @sync_and_async_middleware and returns ${shape.twin}(), an async copy of ${fc.fn.name}(), when get_response is a coroutine function`,
    edits,
    { imports, seed: false },
  );
}

/**
 * The manifest of the published package (a reusable app, a library) whose public API holds a
 * middleware class: a class without a `_` name, in a module with no `_`-named or test segment,
 * under a package manifest with no application's manage.py met first. Projects that install the
 * package list the class in their MIDDLEWARE and may subclass it. Undefined otherwise.
 */
function publishedMiddlewarePackage(project: Project, cls: PyClass): string | undefined {
  if (/^_/.test(cls.name)) return undefined;
  const segments = cls.module.path.replace(/\.py$/, '').split('/');
  if (segments.some((seg) => /^_[^_]/.test(seg) || /^tests?$|^test_|_tests?$|^conftest$/.test(seg))) return undefined;
  return publishedPackageOf(project.root, cls.module.path);
}

/** `if <test>:\n    <then>` as the first statement of the function: after its docstring, before the comments that open the body. */
function handOver(fc: FunctionContext, test: string, then: string): TextEdit {
  const text = fc.module.text;
  const body = childrenOf(fc.fn.body);
  const docstring = body[0]?.type === 'expression_statement' && childrenOf(body[0])[0]?.type === 'string' && body[1] ? body[0] : undefined;
  const first = docstring ? body[1] : body[0];
  const indent = lineIndent(text, first.startIndex);
  const block = `${indent}${test}\n${indent}${indentUnit(fc.fn)}${then}\n`;
  // The first line after the def header (or the docstring) that is not blank, when the body starts on its own line.
  const from = docstring ? docstring.endIndex : (field(fc.fn.node, 'parameters')?.endIndex ?? fc.fn.body.startIndex);
  let line = text.indexOf('\n', from) + 1;
  while (line > 0 && line < first.startIndex && /^[ \t]*\r?\n/.test(text.slice(line, text.indexOf('\n', line) + 1))) line = text.indexOf('\n', line) + 1;
  if (line > 0 && line <= first.startIndex && text.slice(line, first.startIndex).split('\n').every((l) => /^[ \t]*(#.*)?\r?$/.test(l))) {
    return { start: line, end: line, text: block };
  }
  return { start: first.startIndex, end: first.startIndex, text: `${test}\n${indent}${indentUnit(fc.fn)}${then}\n${indent}` };
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
