// The runtime check of issue 8 (Django soundness): the django-sound app
// (test-fixtures/apps/django-sound) uses every pattern a sound migration must
// account for: middleware reading the DB, the session and request.user; a
// session login through an authentication backend without async methods; DRF
// with token and session authentication; model instances from helpers,
// managers, model methods and related managers; ModelForms, a formset and
// forms that query; lazy relations read by templates (a template-only view,
// fields .only()/.defer() left out); indexing and `in` on a QuerySet a helper
// receives as a parameter; custom manager and QuerySet methods; @csrf_protect
// with CSRF_USE_SESSIONS in a settings module; never_cache,
// LoginRequiredMixin and a project decorator; a requests helper; atomic blocks.
//
// It is migrated by the built CLI (default mode, and --safety safe); each
// migrated copy must keep its own suite green under -W error::RuntimeWarning,
// and uvicorn must answer every page as the original does: as a visitor, as
// readers signed in through the login forms (session cookie), and with DRF
// token headers, with no SynchronousOnlyOperation and no coroutine left
// unawaited in the server log.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const APP = path.join(repoRoot, 'test-fixtures/apps/django-sound');
const CLI = path.join(repoRoot, 'dist/cli/awaitify.js');
const MINUTE = 60_000;

let work: string;
let env: PythonEnv;
let original: string;
/** What the original app answered, per exchange name: the migrated copies must answer the same. */
let before: Map<string, HttpAnswer> | undefined;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'awaitify-django-sound-'));
  env = await ensurePythonEnv('5.2');
  original = await committedCopy('original');
}, 20 * MINUTE);

afterAll(() => {
  if (work && process.env.AWAITIFY_KEEP_TMP !== '1') rmSync(work, { recursive: true, force: true });
});

function awaitify(args: string[], cwd: string): Promise<RunResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
  return run(process.execPath, [CLI, ...args], { cwd, env: { NO_COLOR: '1' }, timeoutMs: 3 * MINUTE });
}

/** The app's suite, with an unawaited coroutine (a RuntimeWarning) made an error. */
function pytest(cwd: string): Promise<RunResult> {
  // COLUMNS: the short summary keeps each failure's exception message whole.
  return run(env.python, ['-W', 'error::RuntimeWarning', '-m', 'pytest', '-q'], { cwd, env: { ...PYTHON_ENV, COLUMNS: '400' }, timeoutMs: 3 * MINUTE });
}

function python(cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(env.python, args, { cwd, env: { ...PYTHON_ENV, ...extraEnv }, timeoutMs: 2 * MINUTE });
}

function committedCopy(name: string): Promise<string> {
  return sharedCommittedCopy(APP, path.join(work, name), 'reading club before the async migration');
}

/**
 * Every .py file of the tree parses; what the DRF module defines stays sync
 * (DRF calls it synchronously); which routed function views are `async def`.
 */
const SHAPES = String.raw`
import ast, json, sys
from pathlib import Path

root = Path(sys.argv[1])
out = {"unparsable": [], "views": {}, "drf_async": []}
for file in sorted(root.rglob("*.py")):
    try:
        ast.parse(file.read_text(encoding="utf-8"), str(file))
    except SyntaxError as error:
        out["unparsable"].append(f"{file.relative_to(root)}: {error}")
views = ast.parse((root / "shelf/views.py").read_text(encoding="utf-8"))
for node in views.body:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        out["views"][node.name] = isinstance(node, ast.AsyncFunctionDef)
api = ast.parse((root / "shelf/api.py").read_text(encoding="utf-8"))
for node in ast.walk(api):
    if isinstance(node, ast.AsyncFunctionDef):
        out["drf_async"].append(node.name)
print(json.dumps(out))
`;

interface Shapes {
  unparsable: string[];
  views: Record<string, boolean>;
  drf_async: string[];
}

async function shapes(dir: string): Promise<Shapes> {
  const result = await python(dir, ['-c', SHAPES, dir]);
  expect(result.code, summary(result)).toBe(0);
  return JSON.parse(result.stdout) as Shapes;
}

/**
 * The project middleware built the way Django's handler builds it around a
 * sync view (as under WSGI and the sync test client): it must still be
 * callable and answer with its headers, not hand back a coroutine.
 */
const SYNC_MIDDLEWARE = String.raw`
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "club.settings")
os.environ["SOUND_DB_PATH"] = ":memory:"
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from shelf.middleware import ReaderMiddleware
from shelf.models import Notice

with connection.schema_editor() as editor:
    editor.create_model(Notice)
Notice.objects.create(text="The club meets on Thursday.")

def view(request):
    return HttpResponse(request.notice.text)

request = RequestFactory().get("/")
request.session = SessionStore()
request.user = AnonymousUser()
response = ReaderMiddleware(view)(request)
if isinstance(response, HttpResponse):
    print(json.dumps({"body": response.content.decode(), "pages": response.get("X-Pages"), "reader": response.get("X-Reader")}))
else:
    print(json.dumps({"returned": repr(response)}))
`;

async function syncMiddleware(dir: string): Promise<unknown> {
  const result = await python(dir, ['-W', 'error::RuntimeWarning', '-c', SYNC_MIDDLEWARE]);
  expect(result.code, summary(result)).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/**
 * The migration, checked the same way in each mode: it ran, its diff applies to
 * the original tree and the result parses, the app's suite passes, DRF code and
 * the middleware's sync path are intact, and uvicorn answers every page as the
 * original app does.
 */
function migrationChecks(name: string, args: string[], extra?: { name: string; check: (dir: string) => Promise<void> }): void {
  describe(`django-sound: migrate ${args.join(' ')}`, () => {
    let migrated: string;

    beforeAll(async () => {
      migrated = await committedCopy(name);
    }, 2 * MINUTE);

    it('migrates; the diff applies to the original tree and every file parses', async () => {
      const result = await awaitify(['migrate', ...args, '.'], migrated);
      expect(result.code, summary(result)).toBe(0);
      const diff = (await git(migrated, 'diff', 'HEAD')).stdout;
      expect(diff, 'the migration changed nothing').not.toBe('');
      const patch = path.join(work, `${name}.patch`);
      writeFileSync(patch, diff);
      const check = await run('git', ['apply', '--check', patch], { cwd: original, timeoutMs: MINUTE });
      expect(check.code, check.output).toBe(0);
      expect((await shapes(migrated)).unparsable).toEqual([]);
    }, 5 * MINUTE);

    it('DRF views, serializers and permissions stay sync', async () => {
      // DRF calls APIView/ViewSet methods, @api_view functions, serializers and permissions synchronously.
      expect((await shapes(migrated)).drf_async, 'async functions in shelf/api.py').toEqual([]);
    }, 2 * MINUTE);

    if (extra) it(extra.name, () => extra.check(migrated), 2 * MINUTE);

    it('the middleware still works around a sync view', async () => {
      expect(await syncMiddleware(migrated)).toEqual({ body: 'The club meets on Thursday.', pages: '1', reader: '-' });
    }, 2 * MINUTE);

    it("the app's own suite passes with -W error::RuntimeWarning", async () => {
      const suite = await pytest(migrated);
      expect(suite.code, summary(suite)).toBe(0);
      expect(suite.stdout).toMatch(/\b64 passed\b/);
    }, 5 * MINUTE);

    it('uvicorn answers every page as before: visitor, signed-in sessions, DRF tokens', async () => {
      const expected = await originalAnswers();
      const after = await exercise(migrated, `${name}-served`);
      const mismatches = compare(expected, after.answers);
      expect(mismatches, `${mismatches.join('\n')}\n--- server log (end) ---\n${after.log.slice(-12_000)}`).toEqual([]);
      expect(after.log).not.toContain('SynchronousOnlyOperation');
      expect(after.log).not.toContain('was never awaited');
      expect(after.log).not.toContain('Traceback');
    }, 5 * MINUTE);
  });
}

describe('django-sound: the original app', () => {
  it("passes its own suite with -W error::RuntimeWarning", async () => {
    const suite = await pytest(original);
    expect(suite.code, summary(suite)).toBe(0);
    expect(suite.stdout).toMatch(/\b64 passed\b/);
  }, 5 * MINUTE);

  it('the middleware works around a sync view', async () => {
    expect(await syncMiddleware(original)).toEqual({ body: 'The club meets on Thursday.', pages: '1', reader: '-' });
  }, 2 * MINUTE);

  it('uvicorn serves every page with the expected answers and a clean log', async () => {
    const answers = await originalAnswers();
    expect([...answers.keys()]).toEqual(exchanges().map((e) => e.name));
  }, 5 * MINUTE);
});

migrationChecks('migrated', ['--write'], {
  // Some views are fully convertible (every operation in them has an async
  // form): a migration that left them sync did not do its job.
  name: 'the fully convertible views became async',
  check: async (dir) => {
    const { views } = await shapes(dir);
    expect({ author_detail: views.author_detail, latest_notice: views.latest_notice }).toEqual({ author_detail: true, latest_notice: true });
    // Reads of .defer()red fields and indexing/`in` on a QuerySet parameter move into sync_to_async.
    expect({ titles: views.titles, availability: views.availability }).toEqual({ titles: true, availability: true });
    // club/settings_csrf_sessions.py sets CSRF_USE_SESSIONS: a @csrf_protect view stays sync.
    expect(views.note).toBe(false);
  },
});
migrationChecks('migrated-safe', ['--write', '--safety', 'safe']);

// --- serving and comparing -------------------------------------------------

/** Serves the original once and checks every answer against the exchange's expectations. */
async function originalAnswers(): Promise<Map<string, HttpAnswer>> {
  if (before) return before;
  const served = await exercise(original, 'original-served');
  const problems: string[] = [];
  for (const exchange of exchanges()) {
    const answer = served.answers.get(exchange.name);
    if (!answer) problems.push(`${exchange.name}: no answer`);
    else problems.push(...unmet(exchange, answer));
  }
  expect(problems, `the original app does not answer as the exchanges expect\n${served.log.slice(-12_000)}`).toEqual([]);
  expect(served.log).not.toContain('Traceback');
  expect(served.log).not.toContain('was never awaited');
  before = served.answers;
  return before;
}

interface CoverStub {
  url: string;
  close(): Promise<void>;
}

/** The cover service: one ISBN has a cover, the others none. */
async function startCoverStub(): Promise<CoverStub> {
  const server = http.createServer((req, res) => {
    const isbn = /^\/covers\/(\d+)$/.exec(req.url ?? '')?.[1];
    const found = isbn === '9780547773742';
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(found ? { url: 'https://covers.example/earthsea.jpg' } : { error: 'no cover' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const PASSWORD = 'correct horse battery';
const ADA_TOKEN = 'adatoken'.repeat(5);
const BRIAN_TOKEN = 'briantoken'.repeat(4);
// Django accepts an unmasked 32-character secret as cookie, form field and header value.
const CSRF_TOKEN = 'AwaitifySoundIntegrationCsrf0001';

/** A session for ada through the email backend, for when the sign-in page itself fails. */
const SESSION_FOR = String.raw`
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "club.settings")
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
user = User.objects.get(username=sys.argv[1])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = sys.argv[2]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
`;

/** A browser: keeps the cookies the server sets and sends them back, CSRF token included. */
class Browser {
  readonly cookies = new Map<string, string>([['csrftoken', CSRF_TOKEN]]);

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { Cookie: cookie, 'X-CSRFToken': this.cookies.get('csrftoken') ?? '', ...extra };
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

interface HttpAnswer {
  /** The last exception line the server logged while answering (not compared; for failure messages). */
  error?: string;
  status: number;
  location: string | null;
  reader: string | null;
  pages: string | null;
  cacheControl: string | null;
  body: string;
}

type Who = 'visitor' | 'ada' | 'brian' | 'ada-token' | 'brian-token' | 'no-token';

interface Exchange {
  name: string;
  who: Who;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Form fields (sent url-encoded, with the CSRF token) or a JSON body. */
  form?: Record<string, string | string[]>;
  json?: unknown;
  status: number;
  location?: string;
  contains?: string[];
  /** The whole JSON body. */
  body?: unknown;
  reader?: string;
  cacheControl?: string;
}

/** The same sequence for every server, each on a fresh database: later requests see earlier effects. */
function exchanges(): Exchange[] {
  const get = (who: Who, name: string, p: string, status: number, more: Partial<Exchange> = {}): Exchange => ({ name, who, method: 'GET', path: p, status, ...more });
  const post = (who: Who, name: string, p: string, form: Record<string, string | string[]>, status: number, more: Partial<Exchange> = {}): Exchange => ({
    name,
    who,
    method: 'POST',
    path: p,
    form,
    status,
    ...more,
  });
  const mort = { title: 'Mort', isbn: '9780062225719', author: '2', genres: ['1'], copies: '2' };
  return [
    // A visitor.
    get('visitor', 'home', '/', 200, {
      reader: '-',
      contains: ['Not signed in.', 'Notice: The club meets on Thursday.', 'Newest: Kindred by Octavia E. Butler', '>Guards! Guards!</a> by Terry Pratchett [Fantasy, Satire]'],
    }),
    get('visitor', 'book page', '/books/1/', 200, {
      contains: ['by Ursula K. Le Guin', 'Also by Ursula K. Le Guin: The Dispossessed', 'Average rating: 4.0', '4/5 from brian: Quiet and deep.', 'Books you have looked at: 1'],
    }),
    get('visitor', 'second book page', '/books/3/', 200, { contains: ['5/5 from ada: The dragon!', 'Books you have looked at: 2'] }),
    get('visitor', 'home remembers the last book', '/', 200, { contains: ['You last looked at Guards! Guards!.'] }),
    get('visitor', 'missing book', '/books/999/', 404),
    get('visitor', 'author as JSON', '/authors/2/', 200, { body: { name: 'Terry Pratchett', books: ['Guards! Guards!', 'Small Gods'] } }),
    get('visitor', 'missing author', '/authors/999/', 404),
    get('visitor', 'genres', '/genres/', 200, { contains: ['Fantasy: 3 books', 'Satire: 2 books', 'Science fiction: 2 books'] }),
    get('visitor', 'latest notice', '/notices/latest/', 200, { body: { notice: 'The club meets on Thursday.' } }),
    get('visitor', 'stats', '/stats/', 200, { body: { books: 5, available: 4, reviews: 2, genres: { Fantasy: 3, Satire: 2, 'Science fiction': 2 } } }),
    get('visitor', 'catalogue: a template reads fields .only() left out', '/catalogue/', 200, {
      contains: ['<li>A Wizard of Earthsea: ISBN 9780547773742</li>', '<li>The Dispossessed: ISBN 9780061054884</li>'],
    }),
    get('visitor', 'titles: reads of a .defer()red field', '/titles/', 200, {
      contains: ['"A Wizard of Earthsea (9780547773742)", "The Dispossessed (9780061054884)"'],
    }),
    get('visitor', 'availability: index and `in` on a QuerySet parameter', '/books/1/availability/', 200, { body: { first: 'A Wizard of Earthsea', available: true } }),
    get('visitor', 'availability of a book with no copies', '/books/2/availability/', 200, { body: { first: 'A Wizard of Earthsea', available: false } }),
    get('visitor', 'cover from the cover service', '/books/1/cover/', 200, { body: { isbn: '9780547773742', cover: 'https://covers.example/earthsea.jpg' } }),
    get('visitor', 'no cover', '/books/4/cover/', 200, { body: { isbn: '9780062237378', cover: null } }),
    get('visitor', 'profile needs a login', '/me/', 302, { location: '/accounts/login/?next=/me/' }),
    get('visitor', 'shelf needs a login', '/shelf/', 302, { location: '/accounts/login/?next=/shelf/' }),
    get('visitor', 'inventory needs a login', '/inventory/', 302, { location: '/accounts/login/?next=/inventory/' }),
    get('visitor', 'reading list needs a login', '/lists/1/', 302, { location: '/accounts/login/?next=/lists/1/' }),
    post('visitor', 'review needs a login', '/books/1/review/', { rating: '3' }, 302, { location: '/accounts/login/?next=/books/1/review/' }),
    get('visitor', 'API book list', '/api/books/', 200, { contains: ['{"id":3,"title":"Guards! Guards!","isbn":"9780062225757","author":"Terry Pratchett","genres":["Fantasy","Satire"],"copies":3}'] }),
    get('visitor', 'API similar books', '/api/books/1/similar/', 200, { body: { similar: ['The Dispossessed'] } }),
    get('visitor', 'API me without credentials', '/api/me/', 401),
    get('visitor', 'API stats', '/api/stats/', 200, { body: { books: 5, available: 4, reviews: 2, genres: { Fantasy: 3, Satire: 2, 'Science fiction': 2 } } }),
    get('visitor', 'sign-in page', '/sign-in/', 200, { contains: ['Sign in with your email'] }),
    get('visitor', 'login page', '/accounts/login/', 200, { contains: ['<h1>Sign in</h1>'] }),

    // ada signs in with her email (the project backend, which has no async methods).
    post('ada', 'ada: wrong password', '/sign-in/', { email: 'ada@club.example', password: 'wrong' }, 400, { contains: ['Unknown email or password.'] }),
    post('ada', 'ada signs in with her email', '/sign-in/', { email: 'ada@club.example', password: PASSWORD }, 302, { location: '/' }),
    get('ada', 'ada: home', '/', 200, { reader: 'ada', contains: ['Welcome back, ada.', 'Signed in as ada (Countess)'] }),
    get('ada', 'ada: book page with the review form', '/books/3/', 200, { contains: ['5/5 from ada: The dragon!', 'name="rating"'] }),
    get('ada', 'ada: profile', '/me/', 200, { contains: ['<h1>Countess</h1>', 'Profile visits: 1', 'Favourite genre: Science fiction', 'Summer: 2 books'] }),
    get('ada', 'ada: note form (@csrf_protect)', '/note/', 200, { contains: ['name="csrfmiddlewaretoken"'] }),
    post('ada', 'ada sends a note', '/note/', { text: 'More Le Guin, please.' }, 201, { body: { notes: 1 } }),
    get('ada', 'ada: catalogue, signed in', '/catalogue/', 200, { reader: 'ada', contains: ['<li>Small Gods: ISBN 9780062237378</li>'] }),
    get('ada', 'ada: profile again', '/me/', 200, { contains: ['Profile visits: 2'] }),
    get('ada', 'ada: profile form', '/me/edit/', 200, { contains: ['<option value="3" selected>Science fiction</option>'] }),
    get('ada', 'ada: shelf, never cached', '/shelf/', 200, {
      cacheControl: 'max-age=0, no-cache, no-store, must-revalidate, private',
      contains: ['Signed in via email', '<h2>Summer</h2>\n<ul><li>A Wizard of Earthsea</li><li>Guards! Guards!</li></ul>'],
    }),
    get('ada', 'ada: inventory', '/inventory/', 200, { contains: ['{"title": "A Wizard of Earthsea", "author": "Ursula K. Le Guin", "copies": 2}'] }),
    post('ada', 'ada: change copies', '/inventory/', { book: '4', copies: '7' }, 200, { body: { title: 'Small Gods', copies: 7 } }),
    post('ada', 'ada reviews a book', '/books/1/review/', { rating: '5', text: 'A classic.' }, 302, { location: '/books/1/' }),
    get('ada', 'ada: book page after the review', '/books/1/', 200, { contains: ['Thanks for reviewing A Wizard of Earthsea.', '5/5 from ada: A classic.', 'Average rating: 4.5'] }),
    post('ada', 'ada reviews it again', '/books/1/review/', { rating: '1' }, 400, { contains: ['You have already reviewed this book.'] }),
    post('ada', "ada: deleting brian's review", '/reviews/1/delete/', {}, 403, { body: { error: 'not your review' } }),
    post('ada', 'ada saves a book for later', '/books/5/later/', {}, 200, { body: { list: 'Later', created: true, books: 1 } }),
    post('ada', 'ada saves it again', '/books/5/later/', {}, 200, { body: { list: 'Later', created: false, books: 1 } }),
    get('ada', 'ada: suggestion form', '/suggest/', 200, { contains: ['Suggest a book'] }),
    post('ada', 'ada suggests a book on the shelf', '/suggest/', { isbn: '978-0062225757' }, 400, { contains: ['That book is already on the shelf.'] }),
    post('ada', 'ada suggests a new book', '/suggest/', { isbn: '978-0441013593' }, 302, { location: '/' }),
    get('ada', 'ada: home with the message', '/', 200, { contains: ['Thanks, we will look for 9780441013593.'] }),
    get('ada', 'ada: reading list formset', '/lists/1/', 200, {
      contains: ['<li>A Wizard of Earthsea by Ursula K. Le Guin</li><li>Guards! Guards! by Terry Pratchett</li>', 'name="form-TOTAL_FORMS" value="3"'],
    }),
    post(
      'ada',
      'ada changes the reading list',
      '/lists/1/',
      { 'form-TOTAL_FORMS': '2', 'form-INITIAL_FORMS': '0', 'form-0-book': '5', 'form-1-book': '4', 'form-1-DELETE': 'on' },
      302,
      { location: '/lists/1/' },
    ),
    get('ada', 'ada: reading list after the change', '/lists/1/', 200, {
      contains: ['Summer now has 1 books.', '<ol class="books">\n<li>Kindred by Octavia E. Butler</li>\n</ol>'],
    }),
    get('ada', 'ada: add-book form', '/books/new/', 200, { contains: ['<option value="2">Terry Pratchett</option>'] }),
    post('ada', 'ada adds a duplicate book', '/books/new/', { ...mort, isbn: '9780062225757' }, 400, { contains: ['Book with this Isbn already exists.'] }),
    post('ada', 'ada adds a book', '/books/new/', mort, 302, { location: '/books/6/' }),
    get('ada', 'ada: the new book', '/books/6/', 200, { contains: ['Added Mort.', 'Notice: New on the shelf: Mort', 'Also by Terry Pratchett: Guards! Guards!, Small Gods'] }),
    post('ada', 'ada imports books', '/books/import/', { books: 'Eric|9780380821211|Terry Pratchett\nDawn|9780446603775|Octavia E. Butler' }, 201, { body: { created: 2 } }),
    post('ada', 'ada imports a duplicate', '/books/import/', { books: 'Jingo|9780062280213|Terry Pratchett\nKindred|9780807083697|Octavia E. Butler' }, 409, {
      body: { error: 'an ISBN is already on the shelf' },
    }),
    get('ada', 'ada: API me through the session', '/api/me/', 200, {
      body: { username: 'ada', nickname: 'Countess', lists: ['Later', 'Summer'], authenticated_by: 'SessionAuthentication' },
    }),
    get('ada', 'ada: genres after the changes', '/genres/', 200, { contains: ['Fantasy: 4 books', 'Satire: 2 books'] }),

    // DRF token authentication (no cookies).
    get('ada-token', 'token: ada', '/api/me/', 200, {
      reader: 'ada',
      body: { username: 'ada', nickname: 'Countess', lists: ['Later', 'Summer'], authenticated_by: 'TokenAuthentication' },
    }),
    get('brian-token', 'token: brian', '/api/me/', 200, { body: { username: 'brian', nickname: null, lists: [], authenticated_by: 'TokenAuthentication' } }),
    get('no-token', 'token: a wrong token', '/api/me/', 401),
    {
      name: 'token: ada adds a book',
      who: 'ada-token',
      method: 'POST',
      path: '/api/books/',
      json: { title: 'Kindred', isbn: '9780441478125', author: 'Octavia E. Butler', genres: ['Science fiction'], copies: 1 },
      status: 201,
      body: { id: 9, title: 'Kindred', isbn: '9780441478125', author: 'Octavia E. Butler', genres: ['Science fiction'], copies: 1 },
    },
    {
      name: 'token: brian may not add books',
      who: 'brian-token',
      method: 'POST',
      path: '/api/books/',
      json: { title: 'Mort', isbn: '9780062225710', author: 'Terry Pratchett' },
      status: 403,
      body: { detail: 'Only librarians may change the catalogue.' },
    },
    { name: 'token: ada changes copies', who: 'ada-token', method: 'PATCH', path: '/api/books/2/', json: { copies: 4 }, status: 200, contains: ['"copies":4'] },
    { name: 'token: brian saves for later', who: 'brian-token', method: 'POST', path: '/api/books/4/later/', status: 200, body: { list: 'Later', books: ['Small Gods'] } },
    get('visitor', 'API stats after the changes', '/api/stats/', 200, {
      body: { books: 9, available: 9, reviews: 3, genres: { Fantasy: 4, Satire: 2, 'Science fiction': 3 } },
    }),

    // brian signs in with his username on Django's login page (ModelBackend); he has no profile.
    post('brian', 'brian signs in with his username', '/accounts/login/', { username: 'brian', password: PASSWORD, next: '/shelf/' }, 302, { location: '/shelf/' }),
    get('brian', 'brian: shelf', '/shelf/', 200, { reader: 'brian', contains: ['Signed in via login page', '<h2>Later</h2>\n<ul><li>Small Gods</li></ul>'] }),
    get('brian', 'brian: profile without a profile', '/me/', 302, { location: '/me/edit/' }),
    get('brian', 'brian: profile form', '/me/edit/', 200, { contains: ['Pick a nickname to start your profile.', '<option value="1">Fantasy</option>'] }),
    post('brian', 'brian takes a nickname in use', '/me/edit/', { nickname: 'Countess' }, 400, { contains: ['Profile with this Nickname already exists.'] }),
    post('brian', 'brian makes a profile', '/me/edit/', { nickname: 'Bee', favourite_genre: '2' }, 302, { location: '/me/' }),
    get('brian', 'brian: profile', '/me/', 200, { contains: ['Profile saved.', 'Signed in as brian (Bee)', 'Profile visits: 1', 'Favourite genre: Satire'] }),
    get('brian', 'brian: inventory is for librarians', '/inventory/', 403),
    post('brian', 'brian: adding books is for librarians', '/books/new/', mort, 403),
    post('brian', 'brian deletes his review', '/reviews/1/delete/', {}, 200, { body: { deleted: 1 } }),
    get('brian', "brian: ada's reading list", '/lists/1/', 404),
    post('brian', 'brian logs out', '/accounts/logout/', {}, 302, { location: '/' }),
    get('brian', 'brian: home after logging out', '/', 200, { reader: '-', contains: ['Not signed in.'] }),

    // ada signs out.
    get('ada', 'ada: sign-out is POST only', '/sign-out/', 405),
    post('ada', 'ada signs out', '/sign-out/', {}, 302, { location: '/' }),
    get('ada', 'ada: home after signing out', '/', 200, { reader: '-', contains: ['Signed out.', 'Not signed in.'] }),
    get('ada', 'ada: profile after signing out', '/me/', 302, { location: '/accounts/login/?next=/me/' }),
  ];
}

interface Served {
  answers: Map<string, HttpAnswer>;
  log: string;
}

/** A fresh database, uvicorn, and the whole sequence of exchanges. */
async function exercise(dir: string, name: string): Promise<Served> {
  const dbEnv = { SOUND_DB_PATH: path.join(work, `${name}.sqlite3`), SOUND_FAST_PASSWORD_HASHING: '1' };
  for (const args of [
    ['manage.py', 'migrate', '--noinput', '-v', '0'],
    ['manage.py', 'seed_shelf'],
  ]) {
    const result = await python(dir, args, dbEnv);
    expect(result.code, `${name}: ${args.join(' ')}\n${summary(result)}`).toBe(0);
  }
  const covers = await startCoverStub();
  let server: RunningServer | undefined;
  try {
    server = await startUvicorn(env, dir, 'club.asgi:application', { ...dbEnv, SOUND_COVERS_URL: covers.url });
    const browsers = { visitor: new Browser(), ada: new Browser(), brian: new Browser() };
    const answers = new Map<string, HttpAnswer>();
    for (const exchange of exchanges()) {
      const browser = exchange.who in browsers ? browsers[exchange.who as keyof typeof browsers] : undefined;
      const logged = server.log().length;
      const answer = await send(server.url, exchange, browser);
      if (answer.status >= 500) {
        // Django logs the traceback before it answers; give the pipe a moment.
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer.error = lastExceptionLine(server.log().slice(logged));
      }
      answers.set(exchange.name, answer);
      if (exchange.name === 'ada signs in with her email' && !browsers.ada.cookies.has('sessionid')) {
        // The sign-in page failed (its answer is compared all the same): give ada
        // the session it would have made, so the pages after it are still checked.
        const session = await python(dir, ['-c', SESSION_FOR, 'ada', 'shelf.backends.EmailBackend'], dbEnv);
        expect(session.code, summary(session)).toBe(0);
        browsers.ada.cookies.set('sessionid', session.stdout.trim());
      }
      if (exchange.name === 'brian signs in with his username' && !browsers.brian.cookies.has('sessionid')) {
        const session = await python(dir, ['-c', SESSION_FOR, 'brian', 'django.contrib.auth.backends.ModelBackend'], dbEnv);
        expect(session.code, summary(session)).toBe(0);
        browsers.brian.cookies.set('sessionid', session.stdout.trim());
      }
    }
    return { answers, log: server.log() };
  } finally {
    await server?.stop();
    await covers.close();
  }
}

async function send(base: string, exchange: Exchange, browser: Browser | undefined): Promise<HttpAnswer> {
  const headers: Record<string, string> = browser ? browser.headers() : {};
  if (exchange.who === 'ada-token') headers.Authorization = `Token ${ADA_TOKEN}`;
  if (exchange.who === 'brian-token') headers.Authorization = `Token ${BRIAN_TOKEN}`;
  if (exchange.who === 'no-token') headers.Authorization = `Token ${'0'.repeat(40)}`;
  let body: string | undefined;
  if (exchange.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(exchange.json);
  } else if (exchange.form !== undefined) {
    const form = new URLSearchParams();
    if (browser) form.append('csrfmiddlewaretoken', browser.cookies.get('csrftoken') ?? '');
    for (const [key, value] of Object.entries(exchange.form)) for (const v of [value].flat()) form.append(key, v);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = form.toString();
  }
  const response = await fetch(base + exchange.path, { method: exchange.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  browser?.keep(response);
  return {
    status: response.status,
    location: response.headers.get('location'),
    reader: response.headers.get('x-reader'),
    pages: response.headers.get('x-pages'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}

/** The last line of the last Python traceback in a piece of server log. */
function lastExceptionLine(log: string): string | undefined {
  const lines = log.split('\n').filter((line) => /^[A-Za-z_][\w.]*(Error|Exception|Operation|Warning|DoesNotExist)\b/.test(line));
  return lines.at(-1);
}

/** What an answer misses of its exchange's expectations (only the status when that is wrong). */
function unmet(exchange: Exchange, answer: HttpAnswer): string[] {
  const problems: string[] = [];
  const where = `${exchange.name} (${exchange.method} ${exchange.path} as ${exchange.who})`;
  if (answer.status !== exchange.status) {
    return [`${where}: status ${answer.status}, expected ${exchange.status}${answer.error ? ` -- ${answer.error}` : ''}`];
  }
  if (exchange.location !== undefined && answer.location !== exchange.location) problems.push(`${where}: Location ${answer.location}, expected ${exchange.location}`);
  if (exchange.reader !== undefined && answer.reader !== exchange.reader) problems.push(`${where}: X-Reader ${answer.reader}, expected ${exchange.reader}`);
  if (exchange.cacheControl !== undefined && answer.cacheControl !== exchange.cacheControl) {
    problems.push(`${where}: Cache-Control ${answer.cacheControl}, expected ${exchange.cacheControl}`);
  }
  for (const text of exchange.contains ?? []) if (!answer.body.includes(text)) problems.push(`${where}: body lacks ${JSON.stringify(text)}`);
  if (exchange.body !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parsed = answer.body.slice(0, 200);
    }
    if (JSON.stringify(parsed) !== JSON.stringify(exchange.body)) problems.push(`${where}: body ${JSON.stringify(parsed)}, expected ${JSON.stringify(exchange.body)}`);
  }
  return problems;
}

/** The migrated app's answers against the exchanges and against the original's answers. */
function compare(expected: Map<string, HttpAnswer>, actual: Map<string, HttpAnswer>): string[] {
  const problems: string[] = [];
  for (const exchange of exchanges()) {
    const answer = actual.get(exchange.name);
    const original = expected.get(exchange.name)!;
    if (!answer) {
      problems.push(`${exchange.name}: no answer`);
      continue;
    }
    const missed = unmet(exchange, answer);
    problems.push(...missed);
    if (missed.length > 0 && answer.status !== exchange.status) continue;
    for (const field of ['location', 'reader', 'pages', 'cacheControl'] as const) {
      if (answer[field] !== original[field]) problems.push(`${exchange.name}: ${field} ${answer[field]}, before migration ${original[field]}`);
    }
  }
  return problems;
}

describe('django-sound: migrate --write --skip middleware-async', () => {
  // Whatever rules are skipped, no middleware may end up with an async
  // __call__ that Django would call, and not await, around a sync view.
  it('the middleware still works around a sync view', async () => {
    const migrated = await committedCopy('migrated-skip-middleware');
    const result = await awaitify(['migrate', '--write', '--skip', 'middleware-async', '.'], migrated);
    expect(result.code, summary(result)).toBe(0);
    expect(await syncMiddleware(migrated)).toEqual({ body: 'The club meets on Thursday.', pages: '1', reader: '-' });
  }, 5 * MINUTE);
});
