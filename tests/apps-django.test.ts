// The Django sample application (test-fixtures/apps/django-library), migrated by
// the built CLI: its own pytest-django suite must pass before and after, its
// views must really be async, and uvicorn must serve the same responses from the
// migrated copy as from the original. Then the same app migrated for Django 4.0.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  committedCopy as sharedCommittedCopy,
  ensurePythonEnv,
  PYTHON_ENV,
  repoRoot,
  run,
  startUvicorn,
  summary,
  git,
  type PythonEnv,
  type RunningServer,
  type RunResult,
} from './helpers/python-env.js';

const APP = path.join(repoRoot, 'test-fixtures/apps/django-library');
const CLI = path.join(repoRoot, 'dist/cli/awaitify.js');
const MINUTE = 60_000;

let work: string;
let env52: PythonEnv;
let env40: PythonEnv;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'awaitify-django-'));
  // `npm test` creates both venvs first; made here too when a run starts without them.
  env52 = await ensurePythonEnv('5.2');
  env40 = await ensurePythonEnv('4.0');
}, 20 * MINUTE);

afterAll(() => {
  if (work && process.env.AWAITIFY_KEEP_TMP !== '1') rmSync(work, { recursive: true, force: true });
});

function awaitify(args: string[], cwd: string): Promise<RunResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
  return run(process.execPath, [CLI, ...args], { cwd, env: { NO_COLOR: '1' }, timeoutMs: 5 * MINUTE });
}

function pytest(env: PythonEnv, cwd: string): Promise<RunResult> {
  return run(env.python, ['-m', 'pytest', '-q'], { cwd, env: PYTHON_ENV, timeoutMs: 5 * MINUTE });
}

function python(env: PythonEnv, cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(env.python, args, { cwd, env: { ...PYTHON_ENV, ...extraEnv }, timeoutMs: 2 * MINUTE });
}

function committedCopy(name: string): Promise<string> {
  return sharedCommittedCopy(APP, path.join(work, name), 'library before the async migration');
}

/** Which views urls.py routes to, and whether each (or each HTTP handler of a class) is `async def`. */
const VIEW_SHAPES = String.raw`
import ast, json, sys
from pathlib import Path

root = Path(sys.argv[1])
HANDLERS = {"get", "post", "put", "patch", "delete", "head", "trace"}

def parse(rel):
    return ast.parse((root / rel).read_text(encoding="utf-8"), rel)

routes = []
for node in ast.walk(parse("catalog/urls.py")):
    if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("path", "re_path") and len(node.args) >= 2):
        continue
    view = node.args[1]
    if isinstance(view, ast.Call) and getattr(view.func, "id", None) == "include":
        continue
    kind = "function"
    if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) and view.func.attr == "as_view":
        kind, view = "class", view.func.value
    if isinstance(view, ast.Attribute) and isinstance(view.value, ast.Name) and view.value.id == "views":
        routes.append((kind, view.attr))
    else:
        routes.append(("unresolved", ast.unparse(view)))

defs = {n.name: n for n in parse("catalog/views.py").body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
out = {"functions": {}, "classes": {}, "unresolved": []}
for kind, name in routes:
    node = defs.get(name)
    if kind == "function" and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        out["functions"][name] = isinstance(node, ast.AsyncFunctionDef)
    elif kind == "class" and isinstance(node, ast.ClassDef):
        out["classes"][name] = {
            m.name: isinstance(m, ast.AsyncFunctionDef)
            for m in node.body
            if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name in HANDLERS
        }
    else:
        out["unresolved"].append(f"{kind} {name}")

middleware = {}
for node in parse("catalog/middleware.py").body:
    if not isinstance(node, ast.ClassDef):
        continue
    attrs = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    attrs[target.id] = stmt.value.value
    decorators = [ast.unparse(d) for d in node.decorator_list]
    middleware[node.name] = {
        "async_capable": attrs.get("async_capable") is True
        or any(d.split(".")[-1] in ("sync_and_async_middleware", "async_only_middleware") for d in decorators),
        "sync_capable": attrs.get("sync_capable", True),
    }
out["middleware"] = middleware
print(json.dumps(out))
`;

/**
 * Instantiates every project middleware the way Django's handler does, once
 * with an async and once with a sync get_response, and calls it.
 */
const MIDDLEWARE_BEHAVIOUR = String.raw`
import asyncio, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")
import django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.module_loading import import_string
try:
    from asgiref.sync import iscoroutinefunction
except ImportError:  # asgiref < 3.6
    from asyncio import iscoroutinefunction

async def async_view(request):
    return HttpResponse("async")

def sync_view(request):
    return HttpResponse("sync")

out = {}
for dotted in settings.MIDDLEWARE:
    if not dotted.startswith("catalog."):
        continue
    cls = import_string(dotted)
    info = {"async_capable": bool(getattr(cls, "async_capable", False)), "sync_capable": bool(getattr(cls, "sync_capable", True))}
    if info["async_capable"]:
        mw = cls(async_view)
        info["async_is_coroutine_function"] = iscoroutinefunction(mw)
        result = mw(RequestFactory().get("/"))
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        info["async_header"] = result.get("X-Library-Branch") if isinstance(result, HttpResponse) else repr(result)
    if info["sync_capable"]:
        mw = cls(sync_view)
        info["sync_is_coroutine_function"] = iscoroutinefunction(mw)
        result = mw(RequestFactory().get("/"))
        info["sync_header"] = result.get("X-Library-Branch") if isinstance(result, HttpResponse) else repr(result)
    out[dotted] = info
print(json.dumps(out))
`;

interface ViewShapes {
  functions: Record<string, boolean>;
  classes: Record<string, Record<string, boolean>>;
  unresolved: string[];
  middleware: Record<string, { async_capable: boolean; sync_capable: boolean }>;
}

async function viewShapes(env: PythonEnv, dir: string): Promise<ViewShapes> {
  const result = await python(env, dir, ['-c', VIEW_SHAPES, dir]);
  expect(result.code, summary(result)).toBe(0);
  return JSON.parse(result.stdout) as ViewShapes;
}

type MiddlewareBehaviour = Record<
  string,
  {
    async_capable: boolean;
    sync_capable: boolean;
    async_is_coroutine_function?: boolean;
    async_header?: string;
    sync_is_coroutine_function?: boolean;
    sync_header?: string;
  }
>;

async function middlewareBehaviour(env: PythonEnv, dir: string): Promise<MiddlewareBehaviour> {
  const result = await python(env, dir, ['-c', MIDDLEWARE_BEHAVIOUR]);
  expect(result.code, summary(result)).toBe(0);
  return JSON.parse(result.stdout) as MiddlewareBehaviour;
}

/** Files that differ between two trees, by `git status` of each against the same first commit. */
async function changedFiles(dir: string): Promise<string[]> {
  const status = await git(dir, 'status', '--porcelain', '--untracked-files=all');
  return status.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

describe('django-library: migrated for Django 5.2', () => {
  let original: string;
  let migrated: string;
  let dryRunDiff: string;

  beforeAll(async () => {
    original = await committedCopy('original');
    migrated = await committedCopy('migrated');
  }, 2 * MINUTE);

  it('its own suite passes before migration, under Django 5.2 and 4.0', async () => {
    const [on52, on40] = [await pytest(env52, original), await pytest(env40, original)];
    expect(on52.code, summary(on52)).toBe(0);
    expect(on52.stdout).toMatch(/\b\d+ passed\b/);
    expect(on40.code, summary(on40)).toBe(0);
    expect(await changedFiles(original)).toEqual([]);
  }, 5 * MINUTE);

  it('the dry run writes nothing and prints a diff that git apply accepts', async () => {
    const result = await awaitify(['migrate', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    dryRunDiff = result.stdout;
    expect(dryRunDiff).toContain('catalog/views.py');
    expect(await changedFiles(migrated)).toEqual([]);
    const patch = path.join(work, 'dry-run.diff');
    writeFileSync(patch, dryRunDiff);
    const check = await run('git', ['apply', '--check', '--verbose', patch], { cwd: migrated });
    expect(check.code, summary(check)).toBe(0);
  }, 5 * MINUTE);

  it('migrate --write changes exactly what the dry run showed', async () => {
    const result = await awaitify(['migrate', '--write', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    const written = await changedFiles(migrated);
    expect(written).toContain('catalog/views.py');

    const replay = await committedCopy('dry-run-applied');
    await git(replay, 'apply', path.join(work, 'dry-run.diff'));
    expect(await changedFiles(replay)).toEqual(written);
    for (const file of written) {
      expect(readFileSync(path.join(replay, file), 'utf8'), file).toBe(readFileSync(path.join(migrated, file), 'utf8'));
    }
  }, 5 * MINUTE);

  it('its own suite passes after migration', async () => {
    const result = await pytest(env52, migrated);
    expect(result.code, summary(result)).toBe(0);
    expect(result.stdout).toMatch(/\b\d+ passed\b/);
  }, 5 * MINUTE);

  it('every routed view and class-based handler is async def', async () => {
    const shapes = await viewShapes(env52, migrated);
    expect(shapes.unresolved).toEqual([]);
    expect(Object.keys(shapes.functions).length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(shapes.classes).sort()).toEqual(['BookCollectionView', 'BookResourceView']);
    const syncViews = [
      ...Object.entries(shapes.functions).filter(([, isAsync]) => !isAsync).map(([name]) => name),
      ...Object.entries(shapes.classes).flatMap(([cls, methods]) =>
        Object.entries(methods)
          .filter(([, isAsync]) => !isAsync)
          .map(([method]) => `${cls}.${method}`),
      ),
    ];
    expect(syncViews, 'views still sync after migration').toEqual([]);
    expect(shapes.classes.BookResourceView).toEqual({ get: true, post: true, delete: true });
  }, 2 * MINUTE);

  it('evaluates QuerySets with their async methods and drops thread hops that are not needed', () => {
    const views = readFileSync(path.join(migrated, 'catalog/views.py'), 'utf8');
    // len(qs) counts in the database; the already-async feed calls a method that runs no query directly.
    expect(views).toContain('"count": await books.acount()');
    expect(views).toContain('[book.to_dict() for book in books]');
    expect(views).not.toContain('sync_to_async(book.to_dict)');
    // get_object_or_404 is no longer used anywhere in views.py, so its import went.
    expect(views).toContain('from django.shortcuts import aget_object_or_404, render\n');
  });

  it('the project middleware is async-capable and still works when called sync', async () => {
    const shapes = await viewShapes(env52, migrated);
    expect(shapes.middleware.BranchHeaderMiddleware?.async_capable, JSON.stringify(shapes.middleware)).toBe(true);
    const behaviour = await middlewareBehaviour(env52, migrated);
    const branch = behaviour['catalog.middleware.BranchHeaderMiddleware'];
    expect(branch, JSON.stringify(behaviour)).toMatchObject({ async_capable: true, async_is_coroutine_function: true, async_header: 'central' });
    if (branch?.sync_capable) expect(branch).toMatchObject({ sync_is_coroutine_function: false, sync_header: 'central' });
  }, 2 * MINUTE);

  it('uvicorn serves the same responses from the migrated app as from the original', async () => {
    const pricing = await startPricingStub();
    const servers: RunningServer[] = [];
    try {
      const before = await serveApp(env52, original, 'original', pricing.url);
      servers.push(before.server);
      const after = await serveApp(env52, migrated, 'migrated', pricing.url);
      servers.push(after.server);

      const exchanges = comparedExchanges();
      for (const exchange of exchanges) {
        const expected = await send(before.server.url, exchange.request(before.session));
        const actual = await send(after.server.url, exchange.request(after.session));
        expect(expected.status, `${exchange.name} before migration\n${before.server.log()}`).toBe(exchange.status);
        expect(actual, `${exchange.name} after migration\n${after.server.log().slice(-8_000)}`).toEqual(expected);
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await pricing.close();
    }
  }, 5 * MINUTE);

  it('a second run finds nothing left to change', async () => {
    const result = await awaitify(['migrate', '--check', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    expect(result.stdout).toBe('');
  }, 5 * MINUTE);
});

describe('django-library: migrated for Django 4.0', () => {
  let migrated: string;

  beforeAll(async () => {
    migrated = await committedCopy('migrated-django40');
  }, 2 * MINUTE);

  it('migrate --django 4.0 --write succeeds and the suite passes under Django 4.0', async () => {
    const result = await awaitify(['migrate', '--django', '4.0', '--write', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    expect(await changedFiles(migrated)).toEqual(expect.arrayContaining(['catalog/views.py']));
    const suite = await pytest(env40, migrated);
    expect(suite.code, summary(suite)).toBe(0);
    expect(suite.stdout).toMatch(/\b\d+ passed\b/);
  }, 5 * MINUTE);

  it('uses no API newer than Django 4.0', async () => {
    const shapes = await viewShapes(env40, migrated);
    // Class-based views accept async handlers from Django 4.1 on.
    for (const [cls, methods] of Object.entries(shapes.classes)) {
      for (const [method, isAsync] of Object.entries(methods)) expect(isAsync, `${cls}.${method}`).toBe(false);
    }
    const sources = ['catalog/views.py', 'catalog/services.py', 'catalog/middleware.py'].map((f) => readFileSync(path.join(migrated, f), 'utf8')).join('\n');
    // 4.1+: QuerySet a-methods and `async for`; 4.2+: Model.asave/adelete; 5.0+: auser, aget_object_or_404.
    // The cache's a-methods (aget, adelete...) exist from 4.0.
    expect(sources).not.toMatch(/(?<!cache)\.(aget|acreate|acount|aexists|afirst|aupdate|asave|adelete|auser)\(|aget_object_or_404|async for /);
    const behaviour = await middlewareBehaviour(env40, migrated);
    const branch = behaviour['catalog.middleware.BranchHeaderMiddleware'];
    if (branch?.async_capable) expect(branch).toMatchObject({ async_is_coroutine_function: true, async_header: 'central' });
    if (branch?.sync_capable) expect(branch).toMatchObject({ sync_header: 'central' });
  }, 2 * MINUTE);
});

describe('django-library: migrated with --api replace', () => {
  let migrated: string;

  beforeAll(async () => {
    migrated = await committedCopy('migrated-replace');
  }, 2 * MINUTE);

  it('replaces the helpers in place, bridges the sync callers with async_to_sync, and the suite passes', async () => {
    const result = await awaitify(['migrate', '--api', 'replace', '--write', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    const services = readFileSync(path.join(migrated, 'catalog/services.py'), 'utf8');
    // The same names, now coroutine functions: no sync twin is added.
    for (const name of ['fetch_price', 'library_stats', 'forget_stats', 'copies_available', 'checkout_book']) {
      expect(services, name).toContain(`\nasync def ${name}(`);
      expect(services, name).not.toContain(`\ndef ${name}(`);
      expect(services, name).not.toContain(`def a${name}(`);
    }
    // The sync tests call them through async_to_sync (the call sites, not the names, change).
    const tests = readFileSync(path.join(migrated, 'catalog/tests/test_services.py'), 'utf8');
    expect(tests).toContain('from asgiref.sync import async_to_sync');
    expect(tests).toContain('async_to_sync(services.checkout_book)(');
    const suite = await pytest(env52, migrated);
    expect(suite.code, summary(suite)).toBe(0);
    expect(suite.stdout).toMatch(/\b\d+ passed\b/);
    const again = await awaitify(['migrate', '--api', 'replace', '--check', '.'], migrated);
    expect(again.code, summary(again)).toBe(0);
    expect(again.stdout).toBe('');
  }, 5 * MINUTE);
});

// --- serving and comparing -------------------------------------------------

interface PricingStub {
  url: string;
  close(): Promise<void>;
}

/** ISBNs the stub answers 503 for: the first of each pair of requests, or always. */
const FLAKY_ISBN = '9780441478125';
const OUTAGE_ISBN = '9780807083697';

/** The pricing service, in this process on 127.0.0.1; both servers share it. */
async function startPricingStub(): Promise<PricingStub> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const match = /^\/prices\/(\d+)$/.exec(req.url ?? '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(404, { error: 'unknown path' });
    const isbn = match[1]!;
    const count = (hits.get(isbn) ?? 0) + 1;
    hits.set(isbn, count);
    if (isbn === OUTAGE_ISBN || (isbn === FLAKY_ISBN && count % 2 === 1)) return send(503, { error: 'busy' });
    send(200, { isbn, price: `${(Number(isbn.slice(-2)) % 20) + 5}.99`, currency: 'GBP' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Session {
  sessionid: string;
  csrftoken: string;
}

// Django accepts an unmasked 32-character secret as cookie and header value.
const CSRF_TOKEN = 'AwaitifyIntegrationTestCsrf00001';

const LOGIN_ADA = String.raw`
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
user = User.objects.get(username="ada")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
`;

/** Creates the database (migrate + the shipped fixture), logs ada in, starts uvicorn. */
async function serveApp(env: PythonEnv, dir: string, name: string, pricingUrl: string): Promise<{ server: RunningServer; session: Session }> {
  const dbEnv = { LIBRARY_DB_PATH: path.join(work, `${name}.sqlite3`) };
  for (const args of [
    ['manage.py', 'migrate', '--noinput', '-v', '0'],
    ['manage.py', 'loaddata', 'library', '-v', '0'],
  ]) {
    const result = await python(env, dir, args, dbEnv);
    expect(result.code, `${name}: ${args.join(' ')}\n${summary(result)}`).toBe(0);
  }
  const login = await python(env, dir, ['-c', LOGIN_ADA], dbEnv);
  expect(login.code, summary(login)).toBe(0);
  const server = await startUvicorn(env, dir, 'library.asgi:application', {
    ...dbEnv,
    LIBRARY_PRICING_URL: pricingUrl,
    LIBRARY_PRICING_BACKOFF: '0.01',
  });
  return { server, session: { sessionid: login.stdout.trim(), csrftoken: CSRF_TOKEN } };
}

interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface HttpExchange {
  name: string;
  /** Status the original app answers with: keeps the comparison honest. */
  status: number;
  request(session: Session): HttpRequest;
}

function asAda(session: Session, request: HttpRequest): HttpRequest {
  return {
    ...request,
    headers: {
      ...request.headers,
      Cookie: `sessionid=${session.sessionid}; csrftoken=${session.csrftoken}`,
      'X-CSRFToken': session.csrftoken,
    },
  };
}

/** The same sequence for both servers; later requests see the effects of earlier ones. */
function comparedExchanges(): HttpExchange[] {
  const get = (name: string, status: number, p: string): HttpExchange => ({ name, status, request: () => ({ method: 'GET', path: p }) });
  const json = (method: string, p: string, body: unknown): HttpRequest => ({
    method,
    path: p,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return [
    get('catalogue page', 200, '/'),
    get('catalogue search', 200, '/?q=of'),
    get('book page', 200, '/books/3/'),
    get('missing book page', 404, '/books/999/'),
    get('author page', 200, '/authors/3/'),
    get('greeting for a visitor', 200, '/hello/'),
    { name: 'greeting for ada', status: 200, request: (s) => asAda(s, { method: 'GET', path: '/hello/' }) },
    // The base template reads `user` (the auth context processor's lazy user): a session and a
    // user query while rendering, which an async view must run in a thread.
    { name: 'catalogue page for ada', status: 200, request: (s) => asAda(s, { method: 'GET', path: '/' }) },
    { name: 'book page for ada', status: 200, request: (s) => asAda(s, { method: 'GET', path: '/books/3/' }) },
    { name: 'author page for ada', status: 200, request: (s) => asAda(s, { method: 'GET', path: '/authors/3/' }) },
    { name: 'ada returns brian’s loan', status: 404, request: (s) => asAda(s, { method: 'POST', path: '/loans/1/return/' }) },
    get('books as JSON', 200, '/api/books/'),
    get('one book as JSON', 200, '/api/books/4/'),
    get('stats', 200, '/api/stats/'),
    get('book feed', 200, '/api/feed/'),
    get('price from a flaky service', 200, '/api/books/2/price/'),
    get('price again, from the cache', 200, '/api/books/2/price/'),
    get('price during an outage', 503, '/api/books/5/price/'),
    { name: 'add a book', status: 201, request: () => json('POST', '/api/books/', { title: 'Mort', isbn: '9780062225719', author: 2, published: 1987 }) },
    { name: 'add a duplicate', status: 409, request: () => json('POST', '/api/books/', { title: 'Mort', isbn: '9780062225719', author: 2, published: 1987 }) },
    { name: 'change copies', status: 200, request: () => json('POST', '/api/books/6/', { copies: 2 }) },
    { name: 'withdraw a book', status: 200, request: () => ({ method: 'DELETE', path: '/api/books/3/' }) },
    {
      name: 'borrow without login',
      status: 401,
      request: (s) => ({ method: 'POST', path: '/books/4/checkout/', headers: { Cookie: `csrftoken=${s.csrftoken}`, 'X-CSRFToken': s.csrftoken } }),
    },
    { name: 'ada borrows a book', status: 201, request: (s) => asAda(s, { method: 'POST', path: '/books/4/checkout/' }) },
    { name: 'ada borrows it again', status: 409, request: (s) => asAda(s, { method: 'POST', path: '/books/4/checkout/' }) },
    { name: 'book page after the loan', status: 200, request: () => ({ method: 'GET', path: '/books/4/' }) },
    { name: 'ada returns the loan', status: 200, request: (s) => asAda(s, { method: 'POST', path: '/loans/3/return/' }) },
    { name: 'ada returns it twice', status: 409, request: (s) => asAda(s, { method: 'POST', path: '/loans/3/return/' }) },
    get('checkout is POST only', 405, '/books/4/checkout/'),
    get('stats after the changes', 200, '/api/stats/'),
    get('catalogue after the changes', 200, '/'),
    get('books as JSON after the changes', 200, '/api/books/'),
  ];
}

interface HttpAnswer {
  status: number;
  contentType: string | null;
  branch: string | null;
  body: string;
}

async function send(base: string, request: HttpRequest): Promise<HttpAnswer> {
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    branch: response.headers.get('x-library-branch'),
    body: await response.text(),
  };
}
