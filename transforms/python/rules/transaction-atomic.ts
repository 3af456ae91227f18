// `with transaction.atomic():` has no async form: the block moves into a
// nested sync function that runs through sync_to_async (thread-sensitive, so
// the transaction and the queries share one connection).
import type { PyNode as Node } from '../tree.js';
import { ruleMeta, type AnalysisContext, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { moveBlock } from '../move-block.js';
import { childrenOf, field, hasDescendantOfType } from '../parser.js';
import { resolveExpr, type PyFunction } from '../project.js';

const RULE = 'transaction-atomic';
const SCOPES = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

export const transactionAtomic: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'review',
    docs: {
      summary: 'Moves a `with transaction.atomic():` block of code that becomes async into a sync function run through sync_to_async.',
      whatItDoes:
        'The whole with-block moves into a nested `def _atomic_block(...)` placed where the block was. Locals the block reads are passed in as arguments, locals it assigns and the code after it reads are returned and assigned again, and a `return` inside the block still returns from the outer function. The call is `await sync_to_async(_atomic_block)(...)` (thread-sensitive). The ORM calls inside stay synchronous. Functions decorated with @transaction.atomic stay sync; async callers reach them through sync_to_async (sync-to-async-wrap).',
      why: 'transaction.atomic is not supported in async code: the transaction lives on a thread-bound connection, and each awaited ORM call may run on another. Running the block as one sync unit keeps it one transaction.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.db import models, transaction\n\n\nclass Account(models.Model):\n    balance = models.IntegerField()\n\n\ndef withdraw(request, pk):\n    with transaction.atomic():\n        account = Account.objects.select_for_update().get(pk=pk)\n        account.balance -= 10\n        account.save()\n    return account.balance\n",
        after:
          "# fixture-options: entry=all\nfrom asgiref.sync import sync_to_async\nfrom django.db import models, transaction\n\n\nclass Account(models.Model):\n    balance = models.IntegerField()\n\n\nasync def withdraw(request, pk):\n    def _atomic_block(pk):\n        with transaction.atomic():\n            account = Account.objects.select_for_update().get(pk=pk)\n            account.balance -= 10\n            account.save()\n        return account\n\n    account = await sync_to_async(_atomic_block)(pk)\n    return account.balance\n",
      },
      safety:
        'Review: the block runs as before, in one thread-sensitive call. A block that breaks out of a surrounding loop, yields or awaits is reported, not moved.',
    },
  }),
  detect(fc) {
    return fc.excluded.filter((r) => fc.regionKind(r) === 'atomic').map((block) => blockSite(fc, block));
  },
};

/** The outermost `with transaction.atomic():` blocks in a function's own body. */
export function atomicRegions(ac: AnalysisContext, fn: PyFunction): Node[] {
  const out: Node[] = [];
  if (!hasDescendantOfType(fn.body, 'with_statement')) return out;
  const visit = (node: Node) => {
    for (const child of childrenOf(node)) {
      if (SCOPES.has(child.type)) continue;
      if (child.type === 'with_statement' && isAtomicWith(ac, fn, child)) {
        out.push(child);
        continue;
      }
      visit(child);
    }
  };
  visit(fn.body);
  return out;
}

function isAtomicWith(ac: AnalysisContext, fn: PyFunction, withStmt: Node): boolean {
  if (withStmt.children.some((c) => c?.type === 'async')) return false;
  const clause = childrenOf(withStmt).find((c) => c.type === 'with_clause');
  return childrenOf(clause).some((item) => {
    const value = field(item, 'value');
    const expr = value?.type === 'as_pattern' ? childrenOf(value)[0] : value;
    const callee = expr?.type === 'call' ? field(expr, 'function') : expr;
    const r = callee ? resolveExpr(ac.project, fn.module, fn, callee) : undefined;
    return r?.kind === 'external' && r.name === 'django.db.transaction.atomic';
  });
}

function blockSite(fc: FunctionContext, block: Node): Site {
  const sta = fc.namedImport('asgiref.sync', 'sync_to_async');
  const moved = moveBlock(fc, block, '_atomic_block', (fname, args) => `await ${sta.local}(${fname})(${args.join(', ')})`);
  if ('problem' in moved) {
    return fc.site(RULE, block, 'manual', `this transaction.atomic block ${moved.problem}; it cannot move into a sync function as is: restructure it, then run it with sync_to_async`, [], { seed: false });
  }
  return fc.site(
    RULE,
    block,
    'review',
    `transaction.atomic has no async form; the block moves into ${moved.name}() and runs through sync_to_async (thread-sensitive, one connection for the whole transaction)${moved.io ? `; the block ${moved.io}` : ''}`,
    moved.edits,
    { imports: [sta] },
  );
}
