// Calls with no async counterpart run in a worker thread: `await sync_to_async(fn)(...)`.
// Catalog rows cover Django's sync-only APIs (send_mail, render_to_string, ...);
// the adapter adds the project's own functions that must stay sync.
import { catalogSites } from '../call-rewrite.js';
import { ruleMeta, type PythonRule } from '../context.js';
import { unneededThreadHops } from './thread-hop.js';

export const syncToAsyncWrap: PythonRule = {
  meta: ruleMeta({
    id: 'sync-to-async-wrap',
    safety: 'review',
    docs: {
      summary: 'Runs calls that have no async form through sync_to_async.',
      whatItDoes:
        'In code that becomes async, calls of Django APIs without an async counterpart (send_mail, send_mass_mail, mail_admins, mail_managers, render_to_string, call_command, validate_password) and of project functions that block but must stay sync (model methods, functions decorated with transaction.atomic, functions pinned by `--api replace`) become `await sync_to_async(fn)(...)`. thread_sensitive stays True (the default) because each of these may use the database or thread-bound state. The other way round, a thread hop that is not needed is removed: `await sync_to_async(book.to_dict)()` becomes `book.to_dict()` when the model method is proven to run no query and do no I/O (its body only reads the instance\'s own field values, calls builtins, methods of those values or other such methods and properties) and every relation it reads (`self.author.name`) was loaded with select_related on the query the instance came from (also when that query was evaluated into a list). Project functions that do not block are never wrapped.\n\n' +
        '**Work awaitify cannot account for.** A function becomes async only when every operation in it is accounted for: converted by a rule, a call of a project function (awaited when it becomes async, run through sync_to_async when it stays sync and may query or block), already wrapped, or on a small list of APIs known not to touch sync-only Django machinery (builtins on plain values, str/dict/list methods, `json`, `datetime`, `reverse`, `HttpResponse`/`JsonResponse`/`HttpResponseRedirect`, `redirect` to a URL name, `Http404`, `messages.success` and friends, `gettext`, logging, exceptions). Anything else (a third-party call, an attribute of a value awaitify cannot type, a reverse one-to-one such as `user.profile`, `hasattr(obj, \"profile\")`, `str(obj)` whose `__str__` reads a relation, iterating a value that may be a QuerySet, a property that queries) is unaccounted. The statements holding unaccounted operations, with the statements between them that await nothing, move into a nested `def _sync_block(...)` run by `await sync_to_async(_sync_block)(...)`: one thread hop per group. Locals it reads are passed in, locals it sets that later code reads are returned, and a `return` inside still returns. When the statements cannot move (they yield, await, break out of a loop around them, set a local that later code reads on some paths only, or use an HTTP client that becomes async), or the run applies only safe changes (`--safety safe`), the function stays sync and a manual finding names the operation and its line; its callers plan with it sync.',
      why: 'Sync code that does I/O blocks the event loop, and sync code that touches the ORM raises SynchronousOnlyOperation in async code; sync_to_async runs it in a thread.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.core.mail import send_mail\n\n\ndef contact(request):\n    send_mail(\"Hi\", \"Body\", None, [\"a@example.com\"])\n",
        after:
          "# fixture-options: entry=all\nfrom asgiref.sync import sync_to_async\nfrom django.core.mail import send_mail\n\n\nasync def contact(request):\n    await sync_to_async(send_mail)(\"Hi\", \"Body\", None, [\"a@example.com\"])\n",
      },
      safety: 'Review: the call (or the moved statements) still runs synchronously in a thread; thread-sensitive calls of one request run one after another. Removing a thread hop is safe: the method is proven to run no query. Under `--safety safe` nothing is wrapped, so a function that would need a wrap stays sync.',
    },
  }),
  detect: (fc) => [...unneededThreadHops(fc), ...catalogSites(fc, 'sync-to-async-wrap')],
};
