// request.session loads the session lazily (a database query with the db
// backend) on first use; in async code each operation uses its async form
// (Django 5.1) or runs through sync_to_async.
import type { PyNode as Node } from '../tree.js';
import type { TextEdit } from '../../core/types.js';
import { awaitEdits, needsParens, ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { syncToAsyncEdits } from '../call-rewrite.js';
import { bindingsOf } from '../orm.js';
import { childrenOf, field } from '../parser.js';

const RULE = 'session-call';

/** SessionBase methods with an async form from Django 5.1 (checked against django/contrib/sessions/backends/base.py). */
const ASYNC_METHODS = new Set([
  'get', 'pop', 'setdefault', 'update', 'has_key', 'keys', 'values', 'items', 'flush', 'cycle_key', 'save', 'delete', 'load', 'exists', 'create',
  'set_test_cookie', 'test_cookie_worked', 'delete_test_cookie', 'get_expiry_age', 'get_expiry_date', 'set_expiry', 'get_expire_at_browser_close',
]);
/** Attributes that never load the session. */
const PLAIN_ATTRIBUTES = new Set(['modified', 'accessed', 'session_key', 'TEST_COOKIE_NAME', 'TEST_COOKIE_VALUE']);

export const sessionCall: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '5.1' },
    docs: {
      summary: "Awaits the session's async methods (aget, aset, apop, akeys, aflush, acycle_key, ...) on `request.session` in code that becomes async.",
      whatItDoes:
        "In a function that becomes async, operations on `request.session` (or `self.request.session`) take their async form (Django 5.1+): `.get/.pop/.setdefault/.update/.keys/.values/.items/.has_key/.flush/.cycle_key/.save/.set_expiry/...` become the awaited `a`-prefixed methods, `request.session[k] = v` becomes `await request.session.aset(k, v)`, `del request.session[k]` becomes `await request.session.apop(k)` (which raises KeyError the same way), and `k in request.session` becomes `await request.session.ahas_key(k)`. A read `request.session[k]` (which raises KeyError when the key is missing, unlike aget) runs through `sync_to_async(request.session.__getitem__)`. `.modified`, `.accessed` and `.session_key` are plain attributes and stay. Before Django 5.1 every operation runs through sync_to_async. Any other use of the session (passed to a function, iterated, `+=` on a key) is reported.",
      why: 'The session is loaded on first access: with the database, cache or file backend that is I/O, and the database one raises SynchronousOnlyOperation in async code. `request.session[k] = v` on a session not yet loaded loads it too.',
      example: {
        before:
          "# fixture-options: entry=all django=5.1\ndef add_to_cart(request, item_id):\n    cart = request.session.get(\"cart\", [])\n    cart.append(item_id)\n    request.session[\"cart\"] = cart\n    request.session.modified = True\n    return len(cart)\n",
        after:
          "# fixture-options: entry=all django=5.1\nasync def add_to_cart(request, item_id):\n    cart = await request.session.aget(\"cart\", [])\n    cart.append(item_id)\n    await request.session.aset(\"cart\", cart)\n    request.session.modified = True\n    return len(cart)\n",
      },
      safety: 'Safe on Django 5.1+: each async method does what its sync form does (Django implements both). The sync_to_async forms (older targets, a subscript read) are marked for review.',
    },
  }),
  detect(fc) {
    const sessions = fc.nodes().filter((n) => n.type === 'attribute' && field(n, 'attribute')?.text === 'session' && isRequest(fc, field(n, 'object')!));
    if (!sessions.length) return [];
    const sites: Site[] = [];
    const harmless: Node[] = [];
    for (const s of sessions) {
      const site = sessionSite(fc, s, harmless);
      if (!site) continue;
      // The site converts or wraps the whole use, session read included: the accounting treats `request.session` there as converted.
      if (site.safety !== 'manual' && site.node.id !== s.id) site.claims = [...(site.claims ?? []), s];
      sites.push(site);
    }
    // Plain attribute uses are accounted for by the first site that converts something.
    const first = sites.find((x) => x.seed);
    if (first && harmless.length) first.claims = [...(first.claims ?? []), ...harmless];
    return sites;
  },
};

/** `request` (a parameter that is never rebound) or `self.request` in a method. */
function isRequest(fc: FunctionContext, node: Node): boolean {
  if (node.type === 'identifier') return node.text === 'request' && fc.fn.paramNames.includes('request') && !bindingsOf(fc.fn, 'request').length;
  if (node.type === 'attribute') {
    const self = field(node, 'object');
    return Boolean(fc.fn.cls) && self?.type === 'identifier' && self.text === fc.fn.paramNames[0] && field(node, 'attribute')?.text === 'request';
  }
  return false;
}

function sessionSite(fc: FunctionContext, s: Node, harmless: Node[]): Site | undefined {
  const modern = fc.ac.django('5.1');
  const p = s.parent;
  const line = fc.module.text.slice(0, s.startIndex).split('\n').length;
  const manual = (what: string) => fc.site(RULE, s, 'manual', `${what} (line ${line}) loads the session, which is I/O; awaitify has no async form for this use: load what you need with await ${s.text}.aget(...) first, or run it through sync_to_async`, [], { seed: false });
  const why = fc.cannotAwait(s);
  if (!p) return undefined;

  // request.session.<method>(...) and request.session.<attribute>
  if (p.type === 'attribute' && field(p, 'object')?.id === s.id) {
    const attr = field(p, 'attribute')!;
    const call = p.parent?.type === 'call' && field(p.parent, 'function')?.id === p.id ? p.parent : undefined;
    if (!call) {
      if (PLAIN_ATTRIBUTES.has(attr.text)) {
        harmless.push(p, s);
        return undefined;
      }
      return manual(p.text);
    }
    if (fc.isAwaited(call)) return undefined;
    if (why) return fc.site(RULE, call, 'manual', `${call.text} loads the session, but ${why}; rewrite it as a loop or statement first`, [], { seed: false });
    if (!ASYNC_METHODS.has(attr.text)) return manual(`${p.text}()`);
    if (!modern) return threadSite(fc, call, [...threadOpen(fc, call, s), { start: attr.endIndex, end: attr.endIndex, text: ')' }, ...threadClose(call)], `${p.text}()`);
    return fc.site(RULE, call, 'safe', `${p.text}() loads the session (a query with the database backend); await ${s.text}.a${attr.text}() is its async form (Django 5.1)`, [
      ...awaitEdits(call),
      { start: attr.startIndex, end: attr.endIndex, text: `a${attr.text}` },
    ]);
  }

  // request.session[key], = value, del
  if (p.type === 'subscript' && field(p, 'value')?.id === s.id) {
    const keys = p.childrenForFieldName('subscript').filter(Boolean) as Node[];
    if (keys.length !== 1 || keys[0].type === 'slice') return manual(p.text);
    const key = keys[0];
    const g = p.parent;
    const open = { start: s.endIndex, end: key.startIndex };
    if (why) return fc.site(RULE, p, 'manual', `${p.text} loads the session, but ${why}; rewrite it as a loop or statement first`, [], { seed: false });
    if (g?.type === 'assignment' && field(g, 'left')?.id === p.id) {
      const value = field(g, 'right');
      if (!value || g.parent?.type !== 'expression_statement' || field(g, 'type')) return manual(p.text);
      const mid = { start: key.endIndex, end: value.startIndex };
      if (!modern) {
        return threadSite(fc, g, [...threadOpen(fc, g, s), { ...open, text: '.__setitem__)(' }, { ...mid, text: ', ' }, { start: value.endIndex, end: value.endIndex, text: ')' }], `${p.text} = ...`);
      }
      return fc.site(RULE, g, 'safe', `${p.text} = ... loads the session first when it is not loaded yet (a query with the database backend); await ${s.text}.aset() is its async form (Django 5.1)`, [
        { start: s.startIndex, end: s.startIndex, text: 'await ' },
        { ...open, text: '.aset(' },
        { ...mid, text: ', ' },
        { start: value.endIndex, end: value.endIndex, text: ')' },
      ], { claims: [p] });
    }
    if (g?.type === 'augmented_assignment' && field(g, 'left')?.id === p.id) return manual(`${p.text} ${childrenOf(g)[1]?.text ?? '+='} ...`);
    if (g?.type === 'delete_statement') {
      const targets = childrenOf(g);
      if (targets.length !== 1) return manual(`del ${p.text}`);
      const close = { start: key.endIndex, end: p.endIndex };
      const del = { start: g.startIndex, end: s.startIndex };
      if (!modern) {
        const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
        return fc.site(RULE, g, 'review', `del ${p.text} loads the session; ${s.text}.__delitem__ has no async form before Django 5.1 (target: ${fc.ac.targets.django}), so it runs through sync_to_async`, [
          { ...del, text: `await ${imp.local}(` },
          { ...open, text: '.__delitem__)(' },
          { ...close, text: ')' },
        ], { imports: [imp], claims: [p] });
      }
      return fc.site(RULE, g, 'safe', `del ${p.text} loads the session (a query with the database backend); await ${s.text}.apop() is its async form and raises KeyError the same way (Django 5.1)`, [
        { ...del, text: 'await ' },
        { ...open, text: '.apop(' },
        { ...close, text: ')' },
      ], { claims: [p] });
    }
    // A read raises KeyError for a missing key, which aget() does not: the lookup runs in a thread.
    const close = { start: key.endIndex, end: p.endIndex };
    return threadSite(fc, p, [...threadOpen(fc, p, s), { ...open, text: '.__getitem__)(' }, { ...close, text: needsParens(p) ? '))' : ')' }], p.text, !modern ? undefined : `${p.text} raises KeyError for a missing key, which aget() does not`);
  }

  // key in request.session / key not in request.session
  if (p.type === 'comparison_operator') {
    const parts = childrenOf(p);
    const ops = p.children.filter((c): c is Node => Boolean(c) && !c.isNamed).map((c) => c.text);
    if (parts.length === 2 && parts[1].id === s.id && (ops.join(' ') === 'in' || ops.join(' ') === 'not in')) {
      if (why) return fc.site(RULE, p, 'manual', `${p.text} loads the session, but ${why}; rewrite it as a loop or statement first`, [], { seed: false });
      const negate = ops.join(' ') === 'not in' ? 'not ' : '';
      const key = parts[0];
      const parens = needsParens(p);
      if (!modern) {
        const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
        return fc.site(RULE, p, 'review', `${p.text} loads the session; it has no async form before Django 5.1 (target: ${fc.ac.targets.django}), so it runs through sync_to_async`, [
          { start: key.startIndex, end: key.startIndex, text: `${parens ? '(' : ''}${negate}await ${imp.local}(${s.text}.__contains__)(` },
          { start: key.endIndex, end: p.endIndex, text: parens ? '))' : ')' },
        ], { imports: [imp], claims: [s] });
      }
      return fc.site(RULE, p, 'safe', `${p.text} loads the session (a query with the database backend); await ${s.text}.ahas_key() is its async form (Django 5.1)`, [
        { start: key.startIndex, end: key.startIndex, text: `${parens ? '(' : ''}${negate}await ${s.text}.ahas_key(` },
        { start: key.endIndex, end: p.endIndex, text: parens ? '))' : ')' },
      ], { claims: [s] });
    }
  }
  // Handed to a library or builtin call (`len(request.session)`): that call runs in a thread.
  const call = p.type === 'argument_list' && p.parent?.type === 'call' ? p.parent : undefined;
  const callee = call ? field(call, 'function') : undefined;
  if (call && callee && !why && !fc.isAwaited(call) && fc.resolve(callee)?.kind !== 'function' && fc.resolve(callee)?.kind !== 'class') {
    const { edits, imports } = syncToAsyncEdits(fc, call, callee, true);
    return fc.site(RULE, call, 'review', `${callee.text}(${s.text}) loads the session (a query with the database backend) and has no async form; it runs through sync_to_async (thread-sensitive)`, edits, { imports, claims: [s] });
  }
  return manual(p.type === 'argument_list' || p.type === 'keyword_argument' ? `${s.text} handed to ${p.parent?.type === 'call' ? field(p.parent, 'function')?.text : 'other code'}()` : s.text);
}

/** `await sync_to_async(` before the session expression (with a parenthesis when the result is used as an object). */
function threadOpen(fc: FunctionContext, whole: Node, s: Node): TextEdit[] {
  const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
  return [{ start: s.startIndex, end: s.startIndex, text: `${needsParens(whole) ? '(' : ''}await ${imp.local}(` }];
}

function threadClose(call: Node): TextEdit[] {
  return needsParens(call) ? [{ start: call.endIndex, end: call.endIndex, text: ')' }] : [];
}

function threadSite(fc: FunctionContext, node: Node, edits: TextEdit[], what: string, reason?: string): Site {
  const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
  return fc.site(
    RULE,
    node,
    'review',
    `${what} loads the session (a query with the database backend); ${reason ?? `the session has no async methods before Django 5.1 (target: ${fc.ac.targets.django})`}, so it runs through sync_to_async (thread-sensitive)`,
    edits,
    { imports: [imp] },
  );
}
