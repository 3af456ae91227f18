// time.sleep() in async code → await asyncio.sleep().
import { catalogSites } from '../call-rewrite.js';
import { ruleMeta, type PythonRule } from '../context.js';

export const timeSleep: PythonRule = {
  meta: ruleMeta({
    id: 'time-sleep',
    safety: 'safe',
    docs: {
      summary: 'Replaces time.sleep() with await asyncio.sleep() in code that becomes async.',
      whatItDoes:
        'Finds calls that resolve to time.sleep (through `import time`, `import time as t` or `from time import sleep as nap`) in views, middleware and the helpers they call, and awaits asyncio.sleep with the same arguments. `import asyncio` is added once per file.',
      why: 'time.sleep() blocks the whole event loop: under ASGI every other request on the worker waits. asyncio.sleep() suspends only the current coroutine.',
      example: {
        before:
          "# fixture-options: entry=all\nimport time\n\n\ndef poll(request):\n    time.sleep(0.5)\n    return \"ok\"\n",
        after:
          "# fixture-options: entry=all\nimport asyncio\n\n\nasync def poll(request):\n    await asyncio.sleep(0.5)\n    return \"ok\"\n",
      },
      safety: 'Safe: the coroutine waits for the same time. A sleep inside a generator expression is reported, not rewritten.',
    },
  }),
  detect: (fc) => catalogSites(fc, 'time-sleep'),
};
