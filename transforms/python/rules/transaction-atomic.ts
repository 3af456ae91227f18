// `with transaction.atomic():` has no async form: the block moves into a
// nested sync function that runs through sync_to_async (thread-sensitive, so
// the transaction and the queries share one connection).
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../core/types.js';
import { indentUnit, lineIndent, lineStartsWithin, ruleMeta, type AnalysisContext, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { childrenOf, field } from '../parser.js';
import { boundNames, resolveExpr, type PyFunction } from '../project.js';

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
          'def transfer(request, pk):\n    with transaction.atomic():\n        account = Account.objects.select_for_update().get(pk=pk)\n        account.balance -= 10\n        account.save()\n    return JsonResponse({"balance": account.balance})\n',
        after:
          'async def transfer(request, pk):\n    def _atomic_block(pk):\n        with transaction.atomic():\n            account = Account.objects.select_for_update().get(pk=pk)\n            account.balance -= 10\n            account.save()\n        return account\n    account = await sync_to_async(_atomic_block)(pk)\n    return JsonResponse({"balance": account.balance})\n',
      },
      safety:
        'Review: the block runs as before, in one thread-sensitive call. A block that breaks out of a surrounding loop, yields or awaits is reported, not moved.',
    },
  }),
  detect(fc) {
    return fc.excluded.map((block) => blockSite(fc, block));
  },
};

/** The outermost `with transaction.atomic():` blocks in a function's own body. */
export function atomicRegions(ac: AnalysisContext, fn: PyFunction): Node[] {
  const out: Node[] = [];
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
  const text = fc.module.text;
  const own = ownNodes(block);
  const problem = own.find((n) => n.type === 'yield' || n.type === 'await' || ((n.type === 'break_statement' || n.type === 'continue_statement') && !insideLoop(n, block)));
  if (problem) {
    return fc.site(RULE, block, 'manual', `this transaction.atomic block ${problem.type === 'yield' ? 'yields' : problem.type === 'await' ? 'awaits' : 'leaves a surrounding loop'}; it cannot move into a sync function as is: restructure it, then run it with sync_to_async`, [], { seed: false });
  }

  const locals = fc.fn.locals;
  const boundBefore = new Set<string>(fc.fn.paramNames);
  const assignedInside = new Set<string>();
  const readInside: string[] = [];
  for (const n of bindingNodes(fc.fn.body)) {
    for (const name of n.names) {
      if (n.node.startIndex < block.startIndex) boundBefore.add(name);
      else if (n.node.startIndex < block.endIndex) assignedInside.add(name);
    }
  }
  for (const n of own) {
    if (n.type !== 'identifier' || !locals.has(n.text) || !isRead(n)) continue;
    if (!readInside.includes(n.text)) readInside.push(n.text);
  }
  const inputs = readInside.filter((name) => boundBefore.has(name));
  const after = fc.fn.body.descendantsOfType('identifier').filter((n): n is Node => Boolean(n) && n!.startIndex >= block.endIndex && isRead(n!));
  const outputs = [...assignedInside].filter((name) => after.some((n) => n.text === name)).sort();
  const returns = own.filter((n) => n.type === 'return_statement');

  const indent = lineIndent(text, block.startIndex);
  const unit = indentUnit(fc.fn);
  const taken = new Set([...locals, ...fc.fn.body.descendantsOfType('identifier').map((n) => n!.text)]);
  const fname = fresh('_atomic_block', taken);
  const sta = fc.namedImport('asgiref.sync', 'sync_to_async');
  const call = `await ${sta.local}(${fname})(${inputs.join(', ')})`;
  const packed = outputs.length === 0 ? 'None' : outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`;

  const edits: TextEdit[] = [{ start: block.startIndex, end: block.startIndex, text: `def ${fname}(${inputs.join(', ')}):\n${indent}${unit}` }];
  for (const at of lineStartsWithin(text, block.startIndex, block.endIndex)) edits.push({ start: at, end: at, text: unit });
  let tail: string;
  if (returns.length) {
    for (const r of returns) {
      const kw = r.child(0)!;
      const value = childrenOf(r)[0];
      edits.push({ start: kw.endIndex, end: kw.endIndex, text: value ? ' True,' : ' True, None' });
    }
    const flag = fresh('returned', taken);
    const value = fresh('result', taken);
    tail =
      `\n${indent}${unit}return False, ${packed}` +
      `\n${indent}${flag}, ${value} = ${call}` +
      `\n${indent}if ${flag}:\n${indent}${unit}return ${value}` +
      (outputs.length ? `\n${indent}${outputs.length === 1 ? outputs[0] : outputs.join(', ')} = ${value}` : '');
  } else if (outputs.length) {
    tail = `\n${indent}${unit}return ${outputs.join(', ')}\n${indent}${outputs.join(', ')} = ${call}`;
  } else {
    tail = `\n${indent}${call}`;
  }
  edits.push({ start: block.endIndex, end: block.endIndex, text: tail });
  const io = [inputs.length ? `reads ${inputs.join(', ')} (passed in)` : '', outputs.length ? `sets ${outputs.join(', ')} (returned)` : '', returns.length ? 'returns from the view (preserved)' : '']
    .filter(Boolean)
    .join('; ');
  return fc.site(
    RULE,
    block,
    'review',
    `transaction.atomic has no async form; the block moves into ${fname}() and runs through sync_to_async (thread-sensitive, one connection for the whole transaction)${io ? `; the block ${io}` : ''}`,
    edits,
    { imports: [sta] },
  );
}

function fresh(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

function ownNodes(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    for (const c of childrenOf(n)) {
      if (SCOPES.has(c.type)) continue;
      out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

function insideLoop(node: Node, block: Node): boolean {
  for (let p = node.parent; p && p.id !== block.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') return true;
  return false;
}

function bindingNodes(body: Node): { node: Node; names: string[] }[] {
  const out: { node: Node; names: string[] }[] = [];
  for (const n of ownNodes(body)) {
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement') {
      const left = field(n, 'left');
      if (left) out.push({ node: n, names: boundNames(left) });
    } else if (n.type === 'as_pattern') {
      const alias = field(n, 'alias');
      if (alias) out.push({ node: n, names: boundNames(alias) });
    } else if (n.type === 'named_expression') {
      const name = field(n, 'name');
      if (name) out.push({ node: n, names: [name.text] });
    }
  }
  return out;
}

/** Whether an identifier occurrence reads the variable (not an attribute name, keyword or pure assignment target). */
function isRead(n: Node): boolean {
  const p = n.parent;
  if (!p) return true;
  if (p.type === 'attribute' && field(p, 'attribute')?.id === n.id) return false;
  if (p.type === 'keyword_argument' && field(p, 'name')?.id === n.id) return false;
  if (p.type === 'assignment' && field(p, 'left')?.id === n.id) return false;
  if ((p.type === 'pattern_list' || p.type === 'tuple_pattern') && p.parent?.type === 'assignment' && field(p.parent, 'left')?.id === p.id) return false;
  if (p.type === 'for_statement' && field(p, 'left')?.id === n.id) return false;
  if (p.type === 'as_pattern_target') return false;
  if (p.type === 'function_definition' || p.type === 'class_definition') return false;
  return true;
}
