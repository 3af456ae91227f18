// `request.user` is a lazy object that queries the session and user tables on
// first use; in async code it has to be loaded with `await request.auser()`.
import type { PyNode as Node } from '../tree.js';
import type { TextEdit } from '../../core/types.js';
import { lineIndent, needsParens, ruleMeta, statementOf, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { backendsLacking } from './auth-call.js';
import { userReplacingMiddleware } from '../django-callers.js';
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
        "In a function that takes `request` and becomes async, reads of `request.user` are replaced by a local loaded once at the top of the body: `user = await request.auser()` (Django 5.0+). When the function already starts with `name = request.user`, that assignment is the one that awaits. When the sync code reads the user only on some paths (inside a condition, a loop or the right of `and`/`or`, or after a statement that may return or raise), loading it at the top reads the session on every call, where SessionMiddleware then adds `Vary: Cookie` to the response: that load is `review`. `request.auser()` calls the authentication backend's `aget_user()` (Django 5.2): when a backend in settings.AUTHENTICATION_BACKENDS lacks it (another package's backend, a class not derived from BaseBackend), and on targets before 5.0, the user is loaded with `await sync_to_async(get_user)(request)` instead. A read after a `login()`/`logout()` that always runs first stays `request.user` (they set it to a loaded user); after one that may not have run, the function is reported. When a project middleware in MIDDLEWARE assigns `request.user` itself (and not `request.auser`), neither loads the user it sets: each expression that uses `request.user` then runs through `sync_to_async(lambda: ...)` (review), and a bare `request.user` keeps the function sync (manual). Reads inside the blocks that other rules move into a thread (`_sync_block`, `_atomic_block`, `_file_block`) use the same local: `request.user` there would load a second user object (`auser()` and `get_user()` cache apart from `request.user`), and a change made through one and saved through the other would be lost. Functions that assign request.user are left alone.",
      why: 'request.user is a SimpleLazyObject: its first attribute access reads the session and the user table, which raises SynchronousOnlyOperation in async code.',
      example: {
        before:
          '# fixture-options: entry=all\ndef greet(request):\n    if not request.user.is_authenticated:\n        return JsonResponse({"message": "Hello, guest!"})\n    return JsonResponse({"message": f"Hello, {request.user.username}!"})\n',
        after:
          '# fixture-options: entry=all\nasync def greet(request):\n    user = await request.auser()\n    if not user.is_authenticated:\n        return JsonResponse({"message": "Hello, guest!"})\n    return JsonResponse({"message": f"Hello, {user.username}!"})\n',
      },
      safety: 'Safe: auser() loads the same user and caches it on the request. The get_user fallback (older targets, backends without aget_user) and the reads of a user a project middleware sets are marked for review.',
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

    // login()/logout() set request.user to a loaded user (or AnonymousUser): a read after one
    // that always runs first is a plain attribute and stays; after one that may not have run,
    // request.user may still be the lazy object, and a local loaded earlier would be stale.
    const barriers = fc.calls().filter((c) => /^django\.contrib\.auth\.a?(login|logout)$/.test(fc.externalName(field(c, 'function')!) ?? ''));
    // A project middleware that sets request.user itself: auser()/get_user() would load another
    // user (the session's), so every read is one the sync code's way must make.
    const replacer = userReplacingMiddleware(fc.ac.project);
    const afterBarrier = replacer ? reads.slice() : reads.filter((r) => barriers.some((b) => r.startIndex > b.endIndex));
    // After one that may not have run, the whole expression that uses the user runs in a thread,
    // where request.user is whatever the sync code would see.
    const wraps: Site[] = [];
    for (const r of afterBarrier) {
      if (barriers.some((b) => dominates(b, r))) continue;
      const line = fc.module.text.slice(0, r.startIndex).split('\n').length;
      const use = userExpression(r);
      const why = fc.cannotAwait(r);
      const cause = replacer
        ? `${r.text} (line ${line}) is the user that ${replacer.name} sets (${replacer.path}:${replacer.line}), which neither ${param}.auser() nor get_user(${param}) loads`
        : `${r.text} is read at line ${line} after a login()/logout() that may not have run`;
      if (use.id === r.id || why) {
        const then = replacer ? '' : ': request.user is then either the user it set or still the lazy session user';
        return [fc.site(RULE, r, 'manual', `${cause}${then}${why ? `, and ${why}` : ''}; load the user by hand`, [], { seed: false, claims: reads.filter((x) => x.id !== r.id) })];
      }
      const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
      const open = needsParens(use) ? `(await ${imp.local}(lambda: ` : `await ${imp.local}(lambda: `;
      wraps.push(
        fc.site(
          RULE,
          use,
          'review',
          `${cause}${replacer ? '' : ', so it may still be the lazy session user'}; ${use.text} runs through sync_to_async (thread-sensitive), where it reads the user as the sync code did`,
          [{ start: use.startIndex, end: use.startIndex, text: open }, { start: use.endIndex, end: use.endIndex, text: needsParens(use) ? ')())' : ')()' }],
          { imports: [imp], claims: [r] },
        ),
      );
    }
    const kept = new Set(afterBarrier.map((r) => r.id));
    const before = reads.filter((r) => !kept.has(r.id));
    if (!before.length) return wraps;
    reads.splice(0, reads.length, ...before);

    const lacking = fc.ac.django('5.0') ? backendsLacking(fc.ac, 'aget_user') : [];
    const modern = fc.ac.django('5.0') && !lacking.length;
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
    const hoisted = !name;
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
    // Blocks that move into a thread (sync_to_async, atomic and file blocks) read the same local:
    // there request.user would load a second user object (auser() and get_user() cache apart
    // from it), and a change made through the local would not be saved through request.user.
    const inBlocks = barriers.length || replacer ? [] : userReadsInRegions(fc, param);
    for (const r of inBlocks ?? []) edits.push({ start: r.startIndex, end: r.endIndex, text: name });
    // The load moves to the top: where the sync code read the user only on some paths, every call now does.
    const moved = hoisted ? conditionalRead(fc, first!, reads[0]) : undefined;
    const movedWhy = moved
      ? `; the sync code reads it first at line ${fc.module.text.slice(0, reads[0].startIndex).split('\n').length}, ${moved}, and the async code loads it on every call (reading the session marks it accessed, and SessionMiddleware then adds Vary: Cookie to the response)`
      : '';
    const message = (modern
      ? `${param}.user loads the user lazily (a query) on first use; it is loaded once with await ${param}.auser()`
      : lacking.length
        ? `${param}.user loads the user lazily (a query) on first use; ${param}.auser() calls aget_user() on the authentication backend (Django 5.2), which ${lacking.join(', ')} ${lacking.length === 1 ? 'does' : 'do'} not define (not derived from BaseBackend), so it is loaded once with sync_to_async(get_user)`
        : `${param}.user loads the user lazily (a query) on first use; ${param}.auser() needs Django 5.0 (target ${fc.ac.targets.django}), so it is loaded once with sync_to_async(get_user)`) + movedWhy;
    const keptReads = afterBarrier.filter((r) => !reads.some((x) => x.id === r.id));
    const wrapped = new Set(wraps.flatMap((w) => (w.claims ?? []).map((c) => c.id)));
    const site: Site = fc.site(RULE, reads[0], modern && !moved ? 'safe' : 'review', message, edits, { imports, claims: [...reads.slice(1), ...keptReads.filter((r) => !wrapped.has(r.id))] });
    return [site, ...wraps];
  },
};

/**
 * `request.user` reads inside the function's blocks that other rules move into a thread, or
 * undefined when a block assigns it or logs in or out (then the blocks keep their own reads).
 */
function userReadsInRegions(fc: FunctionContext, param: string): Node[] | undefined {
  const out: Node[] = [];
  for (const region of fc.regions) {
    for (const n of region.node.descendantsOfType('attribute')) {
      if (!n) continue;
      const obj = field(n, 'object');
      if (obj?.type !== 'identifier' || obj.text !== param || field(n, 'attribute')?.text !== 'user') continue;
      const p = n.parent;
      if (p && (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'delete_statement') && field(p, 'left')?.id === n.id) return undefined;
      if (p?.type === 'keyword_argument' && field(p, 'name')?.id === n.id) continue;
      out.push(n);
    }
    for (const c of region.node.descendantsOfType('call')) {
      if (c && /(^|\.)a?(login|logout)$/.test(field(c, 'function')?.text ?? '')) return undefined;
    }
  }
  return out;
}

/** The largest attribute/call/subscript chain that starts at `request.user` (`request.user.get_username()`). */
function userExpression(read: Node): Node {
  let n = read;
  for (let p = n.parent; p; p = n.parent) {
    const head = p.type === 'attribute' ? field(p, 'object') : p.type === 'call' ? field(p, 'function') : p.type === 'subscript' ? field(p, 'value') : undefined;
    if (head?.id !== n.id) break;
    n = p;
  }
  return n;
}

/** Whether `barrier` (a call) always runs before `node`: its statement precedes an ancestor of `node` in the same block. */
function dominates(barrier: Node, node: Node): boolean {
  const stmt = statementOf(barrier);
  if (!stmt?.parent) return false;
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.parent?.id === stmt.parent.id) return n.startIndex >= stmt.endIndex;
  }
  return false;
}

function freshName(fc: FunctionContext): string {
  for (const name of ['user', 'request_user', 'current_user']) {
    if (!fc.fn.locals.has(name) && !resolveName(fc.project, fc.module, fc.fn, name) && !fc.module.assigned.has(name)) return name;
  }
  return 'auth_user';
}

const BRANCH_EXITS = ['return_statement', 'raise_statement'];
/** Where a node is evaluated on every path through its parent: the rest of these parents' children are not. */
const ALWAYS: Record<string, string> = { if_statement: 'condition', while_statement: 'condition', for_statement: 'right', boolean_operator: 'left', try_statement: 'body' };
const BRANCHES = new Set(['elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'conditional_expression', 'lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'match_statement', 'case_clause', 'function_definition', 'class_definition']);

/**
 * Why the first read of the user is not made on every call from the function's first
 * statement `first`: it sits in a branch, a loop body or the right of `and`/`or`, or a
 * statement before it may return or raise. Undefined when every call reads it.
 */
function conditionalRead(fc: FunctionContext, first: Node, read: Node): string | undefined {
  let top: Node = read;
  while (top.parent && top.parent.id !== fc.fn.body.id) top = top.parent;
  for (let n: Node = read; n.id !== top.id; n = n.parent!) {
    const p = n.parent!;
    const always = ALWAYS[p.type];
    if (always && field(p, always)?.id !== n.id) return 'inside a condition';
    if (BRANCHES.has(p.type)) return 'inside a condition';
  }
  for (const stmt of childrenOf(fc.fn.body)) {
    if (stmt.startIndex < first.startIndex) continue;
    if (stmt.startIndex >= top.startIndex) break;
    if (BRANCH_EXITS.some((t) => stmt.type === t || stmt.descendantsOfType(t).length)) return 'after statements that may return first';
  }
  return undefined;
}
