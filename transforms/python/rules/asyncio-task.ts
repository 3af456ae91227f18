// asyncio.ensure_future() / asyncio.create_task() / <loop>.create_task() in a
// function that becomes async: they schedule a coroutine on the running event
// loop, so they stay where they are (in sync_to_async's thread there is no
// loop), and the change is a review one (when the task starts changes).
import type { PyNode as Node } from '../tree.js';
import { ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { field } from '../parser.js';
import { boundOnce } from '../callgraph.js';

const RULE = 'asyncio-task';
const SCHEDULING = new Set(['asyncio.ensure_future', 'asyncio.create_task']);
const LOOP_GETTERS = new Set(['asyncio.get_event_loop', 'asyncio.get_running_loop']);

/**
 * A call that schedules a coroutine on the running event loop: asyncio.ensure_future(...),
 * asyncio.create_task(...), or asyncio.get_event_loop()/get_running_loop() .create_task(...),
 * the getter's loop used directly or through a local bound once (`loop = asyncio.get_event_loop()`,
 * no other binding, every other use a `loop.create_task(...)` too; see boundOnce).
 * Returns what it claims besides the call (the loop getter: the bound one by its first
 * create_task only, so the others' sites do not collide with it), or undefined.
 */
export function taskScheduling(fc: FunctionContext, call: Node): { shown: string; claims: Node[] } | undefined {
  const callee = field(call, 'function');
  if (!callee) return undefined;
  const name = fc.externalName(callee);
  if (name && SCHEDULING.has(name)) return { shown: `${name}()`, claims: [] };
  if (callee.type !== 'attribute' || field(callee, 'attribute')?.text !== 'create_task') return undefined;
  const object = field(callee, 'object');
  const local = object?.type === 'identifier' ? boundOnce(fc.fn, object.text) : undefined;
  if (local && !local.uses.every((u) => field(field(u, 'function')!, 'attribute')?.text === 'create_task')) return undefined;
  const getter = local ? local.value : object;
  const getterName = loopGetter(fc, getter);
  if (!getter || !getterName) return undefined;
  if (!local) return { shown: `${getterName}().create_task()`, claims: [getter] };
  return { shown: `${object!.text}.create_task() (\`${object!.text}\` is ${getterName}())`, claims: local.uses[0]?.id === call.id ? [getter] : [] };
}

/** The loop getter a node calls (`asyncio.get_event_loop`, `asyncio.get_running_loop`), if it is one. */
function loopGetter(fc: FunctionContext, node: Node | undefined): string | undefined {
  const getterCallee = node?.type === 'call' ? field(node, 'function') : undefined;
  const getterName = getterCallee ? fc.externalName(getterCallee) : undefined;
  return getterName && LOOP_GETTERS.has(getterName) ? getterName : undefined;
}

/**
 * Whether a statement needs the event loop's thread: it schedules a task or calls a loop getter.
 * Such a statement never joins a sync_to_async block between two that move.
 */
export function needsLoopThread(fc: FunctionContext, statement: Node): boolean {
  return statement.descendantsOfType('call').some((c) => Boolean(taskScheduling(fc, c) || loopGetter(fc, c)));
}

/** Why such a call cannot move into sync_to_async (the accounting's words for it). */
export const TASK_IN_THREAD = "sync_to_async's worker thread has no running event loop, where it raises RuntimeError";

export const asyncioTask: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'review',
    docs: {
      summary: 'Keeps asyncio.ensure_future() and create_task() in place in a function that becomes async, and reports when its task may now start.',
      whatItDoes:
        'In a sync function that becomes async, a call of `asyncio.ensure_future(...)`, `asyncio.create_task(...)` or `asyncio.get_event_loop().create_task(...)` (`get_running_loop()` too; also through a local, `loop = asyncio.get_event_loop()` then `loop.create_task(...)`, when the function binds `loop` there once and uses it for nothing but `create_task`) is accounted for and left where it is: in async code it schedules the coroutine on the running event loop, as intended. Such a statement, and the one binding the loop, stay between two `sync_to_async` blocks rather than joining them. A local bound elsewhere too, or also used otherwise (passed on, returned, `run_until_complete`, read by a nested function), keeps the function sync with a manual finding. Without this rule such a call is an operation awaitify cannot account for; it is never moved into sync_to_async, so the function stays sync.',
      why: "These calls need a running event loop in the calling thread. Moved into `sync_to_async` they would run in a worker thread without one and raise RuntimeError. In the async function they run on the event loop's thread.",
      example: {
        before:
          '# fixture-options: entry=all\nimport asyncio\nimport time\n\n\nasync def notify(pk):\n    await asyncio.sleep(0)\n\n\ndef checkout(request):\n    asyncio.ensure_future(notify(1))\n    time.sleep(0.1)\n    return "ok"\n',
        after:
          '# fixture-options: entry=all\nimport asyncio\n\n\nasync def notify(pk):\n    await asyncio.sleep(0)\n\n\nasync def checkout(request):\n    asyncio.ensure_future(notify(1))\n    await asyncio.sleep(0.1)\n    return "ok"\n',
      },
      safety:
        'Review: the task may now start at any later `await` of the function instead of after the function returns (it interleaves with the rest of the function), and where the sync function ran without a running event loop in its thread (a sync view, which Django runs in a worker thread under ASGI) the call raised RuntimeError before and now schedules the coroutine. Not applied under `--safety safe`: the function stays sync there.',
    },
  }),
  detect(fc) {
    if (fc.fn.isAsync) return [];
    const sites: Site[] = [];
    for (const call of fc.calls()) {
      const found = taskScheduling(fc, call);
      if (!found) continue;
      sites.push(
        fc.site(
          RULE,
          call,
          'review',
          `${found.shown} schedules a task on the running event loop; it stays in place in the async function (${TASK_IN_THREAD}). The task may now start at a later await of ${fc.fn.qualname}() instead of after it returns, and where the sync function ran without a running loop in its thread (a sync view under ASGI) the call raised RuntimeError before`,
          [],
          { seed: false, claims: found.claims },
        ),
      );
    }
    return sites;
  },
};
