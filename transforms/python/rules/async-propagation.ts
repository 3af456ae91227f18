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
        'A function becomes `async def` when it holds a rewritten blocking call and is reachable from a Django entry point (a view in a URLconf, a decorated view, the handlers of a class-based view together, project middleware), or when it calls such a function. Each call of it from async code gets `await`. Callers that cannot be async (management command handle(), model methods, __str__, template tags and filters, sync signal receivers, sync test methods, module top level) are boundaries: by default (`--api twin`) the sync function stays as it is and an `a`-prefixed async twin is added beside it for async callers ("async adds, it does not replace"); with `--api replace` the function is replaced and sync callers keep working through `async_to_sync`, or it stays sync and async callers use `sync_to_async`.',
      why: 'An async view that calls a sync helper which blocks still blocks the event loop; the blocking call has to be awaited all the way up.',
      example: {
        before:
          "import time\n\nfrom django.views.decorators.http import require_GET\n\n\ndef fetch_title(pk):\n    time.sleep(0.1)\n    return f\"title {pk}\"\n\n\n@require_GET\ndef detail(request, pk):\n    return fetch_title(pk)\n",
        after:
          "import time\n\nfrom django.views.decorators.http import require_GET\nimport asyncio\n\n\ndef fetch_title(pk):\n    time.sleep(0.1)\n    return f\"title {pk}\"\n\n\nasync def afetch_title(pk):\n    await asyncio.sleep(0.1)\n    return f\"title {pk}\"\n\n\n@require_GET\nasync def detail(request, pk):\n    return await afetch_title(pk)\n",
      },
      safety: 'Safe: every caller of a function that becomes async is either awaited or keeps calling an unchanged sync function.',
    },
  }),
};
