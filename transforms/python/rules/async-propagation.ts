// The structural rule: functions on the path from a handler to a blocking call
// become async, their callers await them, and a sync twin stays for callers
// that cannot await (the adapter emits its findings from the plan).
import { ruleMeta, type PythonRule } from '../context.js';

export const asyncPropagation: PythonRule = {
  meta: ruleMeta({
    id: 'async-propagation',
    safety: 'safe',
    structural: true,
    docs: {
      summary: 'Makes views, middleware and the project helpers between them and a blocking call async, and awaits them.',
      whatItDoes:
        'A function becomes `async def` when it holds a rewritten blocking call and is reachable from a Django entry point (a view in a URLconf, a decorated view, the handlers of a class-based view together, project middleware), or when it calls such a function. Each call of it from async code gets `await`. Callers that cannot be async are boundaries: management command `handle()`, model and form methods, template tags and filters, sync signal receivers, sync tests and TestCase methods, code inside a `transaction.atomic` block, module top level. `--api` chooses what happens there.\n\n' +
        '`--api twin` (the default, "async adds, it does not replace"): the project helper stays exactly as it is, so every existing sync caller keeps working unchanged, and an async twin named with Django\'s `a` prefix is added beside it (`fetch_title` stays, `afetch_title` is added; `fetch_title_async` when the `a` name is taken, and an existing `async def afetch_title` is reused). Async callers await the twin. Entry points have no twin (Django calls them by reference): a sync caller of a view, such as a test that calls it directly, calls it through `async_to_sync(view)(request)`.\n\n' +
        '`--api replace`: the function is replaced by its async version under the same name, and each call from a sync caller becomes `async_to_sync(fetch_title)(...)` (`from asgiref.sync import async_to_sync`). Only calls are bridged. A function that is passed as a value (a sort key, a signal receiver: `async_to_sync(f)` would be a new object each time, and signals hold receivers weakly), used as a decorator, or called from `__str__`-style dunders, properties or callbacks (which async code may run on the event loop\'s own thread, where `async_to_sync` raises) stays sync instead, with the functions it needs; async callers run it through `sync_to_async`.',
      why: 'An async view that calls a sync helper which blocks still blocks the event loop; the blocking call has to be awaited all the way up.',
      example: {
        before:
          "import time\n\nfrom django.views.decorators.http import require_GET\n\n\ndef fetch_title(pk):\n    time.sleep(0.1)\n    return f\"title {pk}\"\n\n\n@require_GET\ndef detail(request, pk):\n    return fetch_title(pk)\n",
        after:
          "import asyncio\nimport time\n\nfrom django.views.decorators.http import require_GET\n\n\ndef fetch_title(pk):\n    time.sleep(0.1)\n    return f\"title {pk}\"\n\n\nasync def afetch_title(pk):\n    await asyncio.sleep(0.1)\n    return f\"title {pk}\"\n\n\n@require_GET\nasync def detail(request, pk):\n    return await afetch_title(pk)\n",
      },
      safety:
        'Safe: every call of a function that becomes async is awaited, or (twin) keeps calling the unchanged sync function. A call bridged with `async_to_sync` is review: it runs the coroutine to completion from sync code, and raises if that sync code is ever run on a thread that runs an event loop (module top-level code imported while serving ASGI, a model method called from a template rendered in an async view); commands, tests, and code that async callers reach through `sync_to_async` are fine.',
    },
  }),
};
