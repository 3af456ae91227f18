// `request.user` is a lazy object that queries the session and user tables on
// first use; in async code it has to be loaded with `await request.auser()`.
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../core/types.js';
import { lineIndent, ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { bindingsOf } from '../orm.js';
import { childrenOf, field } from '../parser.js';
import { resolveName } from '../project.js';

const RULE = 'request-user';

export const requestUser: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '5.0' },
    docs: {
      summary: 'Loads the user once with `await request.auser()` in code that becomes async, and reads it from a local.',
      whatItDoes:
        "In a function that takes `request` and becomes async, reads of `request.user` are replaced by a local loaded once at the top of the body: `user = await request.auser()` (Django 5.0+). When the function already starts with `name = request.user`, that assignment is the one that awaits. On older targets the user is loaded with `await sync_to_async(get_user)(request)`. Functions that assign request.user are left alone.",
      why: 'request.user is a SimpleLazyObject: its first attribute access reads the session and the user table, which raises SynchronousOnlyOperation in async code.',
      example: {
        before:
          '# fixture-options: entry=all\ndef greet(request):\n    if not request.user.is_authenticated:\n        return JsonResponse({"message": "Hello, guest!"})\n    return JsonResponse({"message": f"Hello, {request.user.username}!"})\n',
        after:
          '# fixture-options: entry=all\nasync def greet(request):\n    user = await request.auser()\n    if not user.is_authenticated:\n        return JsonResponse({"message": "Hello, guest!"})\n    return JsonResponse({"message": f"Hello, {user.username}!"})\n',
      },
      safety: 'Safe: auser() loads the same user and caches it on the request. The get_user fallback for older targets is marked for review.',
    },
  }),
  detect(fc) {
    const param = fc.fn.paramNames.find((p) => p === 'request');
    if (!param || bindingsOf(fc.fn, param).length) return [];
    const reads: Node[] = [];
    for (const n of fc.nodes()) {
      if (n.type !== 'attribute') continue;
      const obj = field(n, 'object');
      if (obj?.type !== 'identifier' || obj.text !== param || field(n, 'attribute')?.text !== 'user') continue;
      const p = n.parent;
      if (p && (p.type === 'assignment' || p.type === 'augmented_assignment') && field(p, 'left')?.id === n.id) {
        return [fc.site(RULE, n, 'manual', `${n.text} is assigned here; load the user with await ${param}.auser() by hand`, [], { seed: false })];
      }
      if (p?.type === 'keyword_argument' && field(p, 'name')?.id === n.id) continue;
      reads.push(n);
    }
    if (!reads.length) return [];

    const modern = fc.ac.django('5.0');
    const imports = modern ? [] : [fc.namedImport('asgiref.sync', 'sync_to_async'), fc.namedImport('django.contrib.auth', 'get_user')];
    const load = modern ? `await ${param}.auser()` : `await ${imports[0].local}(${imports[1].local})(${param})`;
    const edits: TextEdit[] = [];
    const body = childrenOf(fc.fn.body);
    const first = body[0]?.type === 'expression_statement' && childrenOf(body[0])[0]?.type === 'string' ? body[1] : body[0];
    let name: string | undefined;
    // `user = request.user` as the first statement: that assignment loads it.
    const firstAssign = first?.type === 'expression_statement' ? childrenOf(first)[0] : undefined;
    if (firstAssign?.type === 'assignment') {
      const left = field(firstAssign, 'left');
      const right = field(firstAssign, 'right');
      if (left?.type === 'identifier' && right && reads[0].id === right.id && bindingsOf(fc.fn, left.text).length === 1) {
        name = left.text;
        edits.push({ start: right.startIndex, end: right.endIndex, text: load });
      }
    }
    if (!name) {
      if (!first) return [];
      name = freshName(fc);
      // At the start of the first statement's line, so that the line comes before anything other
      // rules insert at the statement itself (transaction-atomic's `def _atomic_block(...):`).
      const indent = lineIndent(fc.module.text, first.startIndex);
      const lineStart = fc.module.text.lastIndexOf('\n', first.startIndex - 1) + 1;
      if (fc.module.text.slice(lineStart, first.startIndex) === indent) edits.push({ start: lineStart, end: lineStart, text: `${indent}${name} = ${load}\n` });
      else edits.push({ start: first.startIndex, end: first.startIndex, text: `${name} = ${load}\n${indent}` });
    }
    for (const r of reads) if (!edits.some((e) => e.start === r.startIndex)) edits.push({ start: r.startIndex, end: r.endIndex, text: name });
    const message = modern
      ? `${param}.user loads the user lazily (a query) on first use; it is loaded once with await ${param}.auser()`
      : `${param}.user loads the user lazily (a query) on first use; ${param}.auser() needs Django 5.0 (target ${fc.ac.targets.django}), so it is loaded once with sync_to_async(get_user)`;
    const site: Site = fc.site(RULE, reads[0], modern ? 'safe' : 'review', message, edits, { imports, claims: reads.slice(1) });
    return [site];
  },
};

function freshName(fc: FunctionContext): string {
  for (const name of ['user', 'request_user', 'current_user']) {
    if (!fc.fn.locals.has(name) && !resolveName(fc.project, fc.module, fc.fn, name) && !fc.module.assigned.has(name)) return name;
  }
  return 'auth_user';
}
