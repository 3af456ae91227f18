// requests (and urllib.request.urlopen) → httpx.AsyncClient, awaited, inside
// an `async with` block around the statement that makes the request.
import type { PyNode as Node } from '../tree.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { syncToAsyncEdits } from '../call-rewrite.js';
import { awaitEdits, indentUnit, lineIndent, lineStartsWithin, ruleMeta, statementOf, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { callArguments, childrenOf, field } from '../parser.js';

const RULE = 'requests-call';
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
/** requests keyword arguments that httpx takes on the client, not per request. */
const CLIENT_ONLY = new Set(['verify', 'cert', 'proxies']);
const PER_REQUEST = new Set(['params', 'headers', 'json', 'data', 'files', 'timeout', 'auth', 'cookies', 'allow_redirects']);
const EXCEPTIONS: Record<string, string> = {
  RequestException: 'HTTPError',
  HTTPError: 'HTTPStatusError',
  ConnectionError: 'ConnectError',
  Timeout: 'TimeoutException',
  ConnectTimeout: 'ConnectTimeout',
  ReadTimeout: 'ReadTimeout',
  TooManyRedirects: 'TooManyRedirects',
};
const NO_HTTPX = "httpx is not among the project's dependencies (no requirements file, pyproject.toml, setup.cfg, setup.py, Pipfile or lockfile from this module's folder up to the root names it, and no module imports it)";
const DEFAULTS =
  'requests follows redirects and never times out by default; httpx follows redirects only when asked (follow_redirects=True is passed) and times out after 5 s by default; httpx raises httpx.HTTPError subclasses, and its Response has is_success instead of ok';

export const requestsCall: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'review',
    docs: {
      summary: 'Replaces requests calls (and urlopen(...).read()) with an awaited httpx.AsyncClient request.',
      whatItDoes:
        '`requests.get/post/put/patch/delete/head/options/request(...)` in code that becomes async is rewritten to `await client.<method>(...)` inside `async with httpx.AsyncClient(follow_redirects=True) as client:` wrapped around the statement. Method, URL, params, headers, json, data, files, auth, cookies and timeout are kept; allow_redirects becomes follow_redirects; verify, cert and proxies move to the client. One client serves a whole loop: when the request statements sit directly in the body of a `for`/`while` loop (a retry loop) and pass the same client options, the `async with` goes around the loop instead of being opened on every pass (its connections are reused; the `else:` of the loop moves with it). `with requests.Session() as s:` becomes `async with httpx.AsyncClient(follow_redirects=True) as s:` with its requests awaited; `s = requests.Session()` that is only used for requests and closed with `s.close()` becomes `s = httpx.AsyncClient(follow_redirects=True)` with `await s.aclose()` where it was closed, and any other session (passed on, never closed) is reported. `except requests.RequestException` (and Timeout, ConnectionError, HTTPError) around a rewritten call becomes the httpx exception, and `resp.ok` becomes `resp.is_success`. `urlopen(url).read()` becomes `(await client.get(url)).content`. A request in a position that cannot hold a block (a condition, a lambda) runs through sync_to_async(thread_sensitive=False). httpx must be installed for its import to work: where the project has dependency manifests (requirements*.txt or requirements/*.txt, pyproject.toml, setup.cfg, setup.py, Pipfile, lockfiles) from the module\'s folder up to the root and none names httpx, and no module imports it already, requests calls run through sync_to_async(thread_sensitive=False) instead, and requests sessions and urlopen() are reported; with no manifest at all the rewrite says that it needs httpx.',
      why: 'requests and urllib are blocking; under ASGI a slow upstream stalls every request on the worker.',
      example: {
        before:
          "# fixture-options: entry=all\nimport requests\n\nURL = \"https://api.example.com/weather\"\n\n\ndef weather(request):\n    resp = requests.get(URL, params={\"q\": \"Oslo\"}, timeout=5)\n    return resp.json()\n",
        after:
          "# fixture-options: entry=all\nimport httpx\n\nURL = \"https://api.example.com/weather\"\n\n\nasync def weather(request):\n    async with httpx.AsyncClient(follow_redirects=True) as client:\n        resp = await client.get(URL, params={\"q\": \"Oslo\"}, timeout=5)\n    return resp.json()\n",
      },
      safety: `Review: ${DEFAULTS}. stream=True and other arguments without an httpx equivalent are reported, not rewritten.`,
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    const byStatement = new Map<number, { stmt: Node; calls: RequestCall[] }>();
    const sessionAliases = new Map<string, Node>();

    // httpx must be installed for its import to work: where the manifests by this module do not
    // name it, requests calls run in a thread instead, and sessions are left to a person.
    const httpxDependency = fc.ac.dependency('httpx', fc.module);
    const withoutHttpx = httpxDependency === 'undeclared';
    const needsHttpx = httpxDependency === 'unknown' ? '. It imports httpx, which no dependency manifest of the project lists: install it' : '';
    const assignedSessions = new Set<number>();
    for (const node of withoutHttpx ? [] : fc.nodes()) {
      if (node.type === 'with_statement') sites.push(...sessionSites(fc, node, sessionAliases, needsHttpx));
      if (node.type === 'call') {
        const found = assignedSessionSites(fc, node, sessionAliases, needsHttpx);
        if (found) {
          assignedSessions.add(node.id);
          sites.push(...found);
        }
      }
    }
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (!callee || fc.isAwaited(call)) continue;
      const name = fc.externalName(callee);
      if (!name) {
        const session = sessionCall(fc, callee, sessionAliases);
        if (session) sites.push(session(call));
        continue;
      }
      if (name === 'requests.Session' || name === 'requests.session') {
        if (withoutHttpx) {
          sites.push(fc.site(RULE, call, 'manual', `${callee.text}() creates a blocking session, and ${NO_HTTPX} (its async client would take the session's place); add httpx and run awaitify again, or convert the session by hand`, [], { seed: false }));
        } else if (!isSessionWithItem(call) && !assignedSessions.has(call.id)) {
          sites.push(fc.site(RULE, call, 'manual', `${callee.text}() creates a blocking session; use \`async with httpx.AsyncClient(follow_redirects=True) as client:\` where it is used (${DEFAULTS})`, [], { seed: false }));
        }
        continue;
      }
      let kind: 'requests' | 'urlopen' | undefined;
      let verb = '';
      let read: Node | undefined;
      const m = /^requests(?:\.api)?\.(\w+)$/.exec(name);
      if (m && VERBS.has(m[1])) {
        kind = 'requests';
        verb = m[1];
      } else if (name === 'urllib.request.urlopen') {
        const parent = call.parent;
        const readCall = parent?.type === 'attribute' && field(parent, 'attribute')!.text === 'read' && parent.parent?.type === 'call' ? parent.parent : undefined;
        const args = callArguments(call);
        if (!readCall || args.positional.length !== 1 || [...args.keywords.keys()].some((k) => k !== 'timeout') || args.splat) {
          sites.push(fc.site(RULE, call, 'manual', `${callee.text}() blocks; rewrite it with httpx.AsyncClient (only urlopen(url).read() is rewritten automatically)`, [], { seed: false }));
          continue;
        }
        kind = 'urlopen';
        verb = 'get';
        read = readCall;
      }
      if (!kind) continue;
      if (withoutHttpx) {
        const blocked = fc.cannotAwait(call);
        if (blocked || kind === 'urlopen') {
          sites.push(fc.site(RULE, call, 'manual', `${callee.text}() blocks, and ${NO_HTTPX}${blocked ? `; besides, ${blocked}` : ''}; add httpx and run awaitify again, or rewrite it by hand`, [], { seed: false }));
          continue;
        }
        const { edits, imports } = syncToAsyncEdits(fc, call, callee, false);
        sites.push(fc.site(RULE, call, 'review', `${callee.text}() blocks, and ${NO_HTTPX}: it runs in a thread through sync_to_async (thread_sensitive=False: it touches no database), unchanged otherwise; add httpx and run awaitify again to get an httpx.AsyncClient request instead`, edits, { imports }));
        continue;
      }
      const problem = unsupported(call, kind) ?? (kind === 'requests' ? unsupportedResponseUse(call) : undefined);
      if (problem) {
        sites.push(fc.site(RULE, call, 'manual', `${callee.text}(): ${problem}; rewrite it with httpx.AsyncClient by hand`, [], { seed: false }));
        continue;
      }
      const blocked = fc.cannotAwait(call);
      const stmt = statementOf(call);
      if (blocked || !stmt || !['expression_statement', 'return_statement'].includes(stmt.type) || stmt.parent?.type !== 'block') {
        if (blocked || kind === 'urlopen') {
          sites.push(fc.site(RULE, call, 'manual', `${callee.text}() blocks, but ${blocked ?? 'it is not in a simple statement'}; rewrite it with httpx.AsyncClient by hand`, [], { seed: false }));
          continue;
        }
        const { edits, imports } = syncToAsyncEdits(fc, call, callee, false);
        sites.push(fc.site(RULE, call, 'review', `${callee.text}() blocks and sits where an \`async with\` block cannot go; it runs in a thread through sync_to_async (thread_sensitive=False: it touches no database)`, edits, { imports }));
        continue;
      }
      const entry = byStatement.get(stmt.id) ?? { stmt, calls: [] };
      entry.calls.push({ call, callee, verb, kind, read });
      byStatement.set(stmt.id, entry);
    }

    // One client per loop: a request statement directly in a loop body is wrapped with the loop.
    const groups = new Map<number, { anchor: Node; calls: RequestCall[]; stmts: Node[] }>();
    for (const { stmt, calls } of byStatement.values()) {
      const anchor = retryLoop(fc, stmt, byStatement) ?? stmt;
      const g = groups.get(anchor.id) ?? { anchor, calls: [], stmts: [] };
      g.calls.push(...calls);
      g.stmts.push(stmt);
      groups.set(anchor.id, g);
    }
    for (const { anchor: stmt, calls, stmts } of groups.values()) {
      const httpx = fc.namespaceImport('httpx');
      const client = clientName(fc);
      const unit = indentUnit(fc.fn);
      const indent = lineIndent(fc.module.text, stmt.startIndex);
      const clientArgs = ['follow_redirects=True'];
      const edits: TextEdit[] = [];
      for (const { call, callee, verb, kind, read } of calls) {
        if (kind === 'urlopen') {
          // urlopen(url, timeout=t).read() → (await client.get(url, timeout=t)).content
          edits.push({ start: call.startIndex, end: call.startIndex, text: '(await ' });
          edits.push({ start: callee.startIndex, end: callee.endIndex, text: `${client}.get` });
          edits.push({ start: call.endIndex, end: read!.endIndex, text: ').content' });
          continue;
        }
        edits.push(...awaitEdits(call));
        edits.push({ start: callee.startIndex, end: callee.endIndex, text: `${client}.${verb}` });
        // `requests.get(u).ok`: httpx's Response calls it is_success.
        const direct = call.parent?.type === 'attribute' && field(call.parent, 'object')?.id === call.id ? field(call.parent, 'attribute') : undefined;
        if (direct?.text === 'ok') edits.push({ start: direct.startIndex, end: direct.endIndex, text: 'is_success' });
        const args = callArguments(call);
        const list = args.list!;
        const all = childrenOf(list).filter((c) => c.type !== 'comment');
        for (const [i, arg] of all.entries()) {
          if (arg.type !== 'keyword_argument') continue;
          const key = field(arg, 'name')!;
          if (key.text === 'allow_redirects') edits.push({ start: key.startIndex, end: key.endIndex, text: 'follow_redirects' });
          if (key.text === 'data' && isBytesOrStr(field(arg, 'value')!)) edits.push({ start: key.startIndex, end: key.endIndex, text: 'content' });
          if (CLIENT_ONLY.has(key.text)) {
            const value = field(arg, 'value')!;
            const clientArg = `${key.text === 'proxies' ? 'proxy' : key.text}=${value.text}`;
            if (!clientArgs.includes(clientArg)) clientArgs.push(clientArg);
            const prev = all[i - 1];
            const next = all[i + 1];
            edits.push(prev ? { start: prev.endIndex, end: arg.endIndex, text: '' } : { start: arg.startIndex, end: next ? next.startIndex : arg.endIndex, text: '' });
          }
        }
      }
      // The block opener goes before the call's own `await` at the same offset.
      edits.unshift({ start: stmt.startIndex, end: stmt.startIndex, text: `async with ${httpx.local}.AsyncClient(${clientArgs.join(', ')}) as ${client}:\n${indent}${unit}` });
      // Re-indent the statement; line starts inside a removed argument go with it.
      const removed = edits.filter((e) => e.end > e.start && e.text === '');
      for (const at of lineStartsWithin(fc.module.text, stmt.startIndex, stmt.endIndex)) {
        if (!removed.some((e) => at > e.start && at <= e.end)) edits.push({ start: at, end: at, text: unit });
      }
      const extra = stmts.flatMap((st) => responseEdits(fc, st, calls.map((c) => c.call)));
      const names = calls.map((c) => `${c.callee.text}()`).join(', ');
      const loop = stmts.length && stmts[0].id !== stmt.id ? ` One client serves every pass of the ${stmt.type === 'while_statement' ? 'while' : 'for'} loop (its connections are reused), so the async with goes around the loop.` : '';
      sites.push(
        fc.site(RULE, calls[0].call, 'review', `${names} blocks; it becomes an awaited httpx.AsyncClient request.${loop} Check the differences: ${DEFAULTS}${needsHttpx}`, [...edits, ...extra], {
          imports: [httpx],
          claims: calls.slice(1).map((c) => c.call),
        }),
      );
    }
    sites.push(...exceptionSites(fc, [...byStatement.values()].flatMap((s) => s.calls.map((c) => c.call))));
    return sites;
  },
};

interface RequestCall {
  call: Node;
  callee: Node;
  verb: string;
  kind: 'requests' | 'urlopen';
  read?: Node;
}

/**
 * The loop a request statement sits directly in (a retry loop), when the
 * client can be shared by every pass: every request statement in the loop is
 * a direct child of its body, all of them pass the same client-only arguments
 * (verify, cert, proxies), and the loop itself can hold a block.
 */
function retryLoop(fc: FunctionContext, stmt: Node, byStatement: Map<number, { stmt: Node; calls: RequestCall[] }>): Node | undefined {
  const block = stmt.parent;
  const loop = block?.parent;
  if (block?.type !== 'block' || !loop || (loop.type !== 'for_statement' && loop.type !== 'while_statement')) return undefined;
  if (field(loop, 'body')?.id !== block.id || loop.parent?.type !== 'block' || loop.children.some((c) => c?.type === 'async')) return undefined;
  const inLoop = [...byStatement.values()].filter((e) => e.stmt.startIndex >= loop.startIndex && e.stmt.endIndex <= loop.endIndex);
  if (inLoop.some((e) => e.stmt.parent?.id !== block.id)) return undefined;
  const clientArgs = (e: { calls: RequestCall[] }) =>
    e.calls
      .flatMap((c) => [...callArguments(c.call).keywords].filter(([k]) => CLIENT_ONLY.has(k)).map(([k, v]) => `${k}=${v.text}`))
      .sort()
      .join(',');
  if (new Set(inLoop.map(clientArgs)).size > 1) return undefined;
  if (fc.cannotAwait(loop)) return undefined;
  return loop;
}

function unsupported(call: Node, kind: 'requests' | 'urlopen'): string | undefined {
  if (kind === 'urlopen') return undefined;
  const args = callArguments(call);
  if (args.splat) return 'it passes *args/**kwargs whose names awaitify cannot check';
  if (!args.list) return 'it has no argument list';
  for (const key of args.keywords.keys()) {
    if (key === 'stream') return 'stream=True responses are read differently with httpx (client.stream)';
    if (!PER_REQUEST.has(key) && !CLIENT_ONLY.has(key)) return `the ${key}= argument has no httpx equivalent`;
  }
  return undefined;
}

function isBytesOrStr(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

function clientName(fc: FunctionContext): string {
  for (const name of ['client', 'http_client', 'httpx_client']) {
    if (!fc.fn.locals.has(name) && !new RegExp(`\\b${name}\\b`).test(fc.fn.body.text)) return name;
  }
  return 'httpx_client_';
}

/** Response members read straight off the call that httpx spells or behaves differently. */
const RESPONSE_DIFFERENT: Record<string, string> = {
  iter_content: 'iter_content() has no httpx equivalent on a read response (httpx streams with client.stream() and aiter_bytes())',
  iter_lines: 'iter_lines() has no httpx equivalent on a read response (httpx streams with client.stream() and aiter_lines())',
  raw: '.raw is urllib3\'s stream; httpx has no such attribute',
  apparent_encoding: 'apparent_encoding has no httpx equivalent (httpx has charset_encoding)',
  is_permanent_redirect: 'is_permanent_redirect has no httpx equivalent',
};

function unsupportedResponseUse(call: Node): string | undefined {
  const p = call.parent;
  if (p?.type !== 'attribute' || field(p, 'object')?.id !== call.id) return undefined;
  return RESPONSE_DIFFERENT[field(p, 'attribute')?.text ?? ''];
}

/** `resp.ok` → `resp.is_success` for a response assigned in the statement. */
function responseEdits(fc: FunctionContext, stmt: Node, calls: Node[]): TextEdit[] {
  const assign = childrenOf(stmt)[0];
  if (assign?.type !== 'assignment') return [];
  const left = field(assign, 'left');
  const right = field(assign, 'right');
  if (left?.type !== 'identifier' || !right || !calls.some((c) => c.id === right.id)) return [];
  const edits: TextEdit[] = [];
  for (const n of fc.nodes()) {
    if (n.type !== 'attribute' || n.startIndex < stmt.endIndex) continue;
    const obj = field(n, 'object');
    const attr = field(n, 'attribute');
    if (obj?.type === 'identifier' && obj.text === left.text && attr?.text === 'ok') edits.push({ start: attr.startIndex, end: attr.endIndex, text: 'is_success' });
  }
  return edits;
}

/** `except requests.RequestException` around a rewritten request → the httpx exception. */
function exceptionSites(fc: FunctionContext, calls: Node[]): Site[] {
  const sites: Site[] = [];
  const seen = new Set<number>();
  for (const call of calls) {
    for (let p = call.parent; p && p.id !== fc.fn.body.id; p = p.parent) {
      if (p.type !== 'try_statement' || seen.has(p.id)) continue;
      seen.add(p.id);
      for (const clause of childrenOf(p).filter((c) => c.type === 'except_clause')) {
        for (const n of clause.descendantsOfType(['attribute', 'identifier'])) {
          if (!n || (n.parent?.type === 'attribute' && n.type !== 'attribute') || n.parent?.type === 'as_pattern_target') continue;
          if (n.parent?.type === 'attribute' && field(n.parent, 'object')?.id === n.id) continue;
          const name = fc.externalName(n);
          const m = name && /^requests(?:\.exceptions)?\.(\w+)$/.exec(name);
          if (!m || !EXCEPTIONS[m[1]]) continue;
          const httpx = fc.namespaceImport('httpx');
          sites.push(fc.site(RULE, n, 'review', `${n.text} does not catch httpx errors; catching ${httpx.local}.${EXCEPTIONS[m[1]]} instead`, [{ start: n.startIndex, end: n.endIndex, text: `${httpx.local}.${EXCEPTIONS[m[1]]}` }], { imports: [httpx], seed: false }));
        }
      }
    }
  }
  return sites;
}

function isSessionWithItem(call: Node): boolean {
  const p = call.parent;
  return Boolean(p && (p.type === 'with_item' || (p.type === 'as_pattern' && p.parent?.type === 'with_item')));
}

/** `with requests.Session() as s:` → `async with httpx.AsyncClient(follow_redirects=True) as s:`. */
function sessionSites(fc: FunctionContext, withStmt: Node, aliases: Map<string, Node>, needsHttpx: string): Site[] {
  if (withStmt.children.some((c) => c?.type === 'async')) return [];
  const clause = childrenOf(withStmt).find((c) => c.type === 'with_clause');
  const items = childrenOf(clause).filter((c) => c.type === 'with_item');
  const sites: Site[] = [];
  for (const item of items) {
    const value = field(item, 'value');
    const call = value?.type === 'as_pattern' ? childrenOf(value)[0] : value;
    if (call?.type !== 'call') continue;
    const callee = field(call, 'function')!;
    const name = fc.externalName(callee);
    if (name !== 'requests.Session' && name !== 'requests.session') continue;
    if (items.length > 1) {
      sites.push(fc.site(RULE, call, 'manual', 'a requests.Session opened together with other context managers; convert this with statement by hand', [], { seed: false }));
      return sites;
    }
    const alias = value?.type === 'as_pattern' ? field(value, 'alias') : undefined;
    if (alias) aliases.set(alias.text, withStmt);
    const httpx = fc.namespaceImport('httpx');
    const args = callArguments(call);
    const edits: TextEdit[] = [
      { start: withStmt.startIndex, end: withStmt.startIndex, text: 'async ' },
      { start: callee.startIndex, end: callee.endIndex, text: `${httpx.local}.AsyncClient` },
      { start: args.list!.startIndex, end: args.list!.endIndex, text: '(follow_redirects=True)' },
    ];
    sites.push(fc.site(RULE, call, 'review', `requests.Session() blocks; an httpx.AsyncClient takes its place. ${DEFAULTS}${needsHttpx}`, edits, { imports: [httpx] as ImportRequest[] }));
  }
  return sites;
}

/**
 * `s = requests.Session()` … `s.get(...)` … `s.close()` → `s = httpx.AsyncClient(follow_redirects=True)`
 * … `await s.get(...)` … `await s.aclose()`, when the session is bound once, only
 * makes requests and is closed. Its requests are rewritten by sessionCall; the
 * close() call is claimed here.
 */
function assignedSessionSites(fc: FunctionContext, call: Node, aliases: Map<string, Node>, needsHttpx: string): Site[] | undefined {
  const callee = field(call, 'function');
  const name = callee ? fc.externalName(callee) : undefined;
  if (!callee || (name !== 'requests.Session' && name !== 'requests.session')) return undefined;
  const assign = call.parent;
  const left = assign?.type === 'assignment' && field(assign, 'right')?.id === call.id ? field(assign, 'left') : undefined;
  if (left?.type !== 'identifier' || assign?.parent?.type !== 'expression_statement' || assign.parent.parent?.type !== 'block') return undefined;
  const args = callArguments(call);
  if (args.positional.length || args.keywords.size || args.splat || !args.list || fc.cannotAwait(call)) return undefined;
  const closes: Node[] = [];
  for (const n of fc.nodes()) {
    if (n.type !== 'identifier' || n.text !== left.text || n.id === left.id) continue;
    const attr = n.parent?.type === 'attribute' && field(n.parent, 'object')?.id === n.id ? n.parent : undefined;
    const use = attr?.parent?.type === 'call' && field(attr.parent, 'function')?.id === attr.id ? attr.parent : undefined;
    const method = attr ? field(attr, 'attribute')!.text : '';
    if (!use || (!VERBS.has(method) && method !== 'close') || fc.cannotAwait(use)) return undefined;
    if (method === 'close') {
      if (callArguments(use).positional.length || callArguments(use).keywords.size) return undefined;
      closes.push(use);
    }
  }
  if (!closes.length) return undefined;
  aliases.set(left.text, fc.fn.body);
  const httpx = fc.namespaceImport('httpx');
  const sites: Site[] = [
    fc.site(
      RULE,
      call,
      'review',
      `${callee.text}() blocks; an httpx.AsyncClient takes its place, and it is closed with await ${left.text}.aclose() where the session was closed. ${DEFAULTS}${needsHttpx}`,
      [
        { start: callee.startIndex, end: callee.endIndex, text: `${httpx.local}.AsyncClient` },
        { start: args.list.startIndex, end: args.list.endIndex, text: '(follow_redirects=True)' },
      ],
      { imports: [httpx], seed: false },
    ),
  ];
  for (const close of closes) {
    const attr = field(field(close, 'function')!, 'attribute')!;
    sites.push(fc.site(RULE, close, 'review', `${left.text}.close() closes the session; the httpx client is closed with await ${left.text}.aclose()`, [...awaitEdits(close), { start: attr.startIndex, end: attr.endIndex, text: 'aclose' }]));
  }
  return sites;
}

/** `s.get(...)` inside `with requests.Session() as s:` → `await s.get(...)`. */
function sessionCall(fc: FunctionContext, callee: Node, aliases: Map<string, Node>): ((call: Node) => Site) | undefined {
  if (callee.type !== 'attribute') return undefined;
  const obj = field(callee, 'object')!;
  const verb = field(callee, 'attribute')!.text;
  const withStmt = obj.type === 'identifier' ? aliases.get(obj.text) : undefined;
  if (!withStmt || !VERBS.has(verb) || callee.startIndex < withStmt.startIndex || callee.endIndex > withStmt.endIndex) return undefined;
  return (call) => {
    const args = callArguments(call);
    const clientOnly = [...args.keywords.keys()].find((k) => CLIENT_ONLY.has(k));
    const problem = unsupported(call, 'requests') ?? (clientOnly ? `${clientOnly}= is set on the httpx client, not per request` : undefined);
    if (problem) return fc.site(RULE, call, 'manual', `${callee.text}(): ${problem}; rewrite it by hand`, [], { seed: false });
    const edits: TextEdit[] = [...awaitEdits(call)];
    for (const arg of childrenOf(args.list)) {
      if (arg.type !== 'keyword_argument') continue;
      const key = field(arg, 'name')!;
      if (key.text === 'allow_redirects') edits.push({ start: key.startIndex, end: key.endIndex, text: 'follow_redirects' });
    }
    return fc.site(RULE, call, 'review', `${callee.text}() on the session is now an awaited httpx request`, edits);
  };
}
