"""Helper of scripts/corpus/django-run.sh (run with the project's own Python).

  django-probe.py views                 project views and middleware, sync or async (JSON)
  django-probe.py pages [extra...]      the paths to request: the project's routes without
                                        parameters, `<int:...>` ones filled with 1, LOGIN_URL,
                                        and the extra paths given (one per line, JSON list)
  django-probe.py session USER PASSWORD creates USER (superuser) if missing and a logged-in
                                        session; prints `cookie-name=value`
  django-probe.py fetch BASE OUT PATHS_JSON [COOKIE]
                                        GETs every path, writes one JSON line per page
  django-probe.py login BASE USER PASSWORD LOGIN_PATH
                                        logs in through the login form (GET for the CSRF
                                        token, then POST); prints a JSON result
  django-probe.py tests LOG             pass/fail counts from a Django or pytest log (JSON)
  django-probe.py compare BEFORE AFTER SERVER_LOG
                                        per-page status comparison and server log greps (JSON)

`views`, `pages` and `session` need DJANGO_SETTINGS_MODULE and the project on sys.path
(run from the project root). The others use only the standard library.
"""
import html
import http.cookiejar
import inspect
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


# Where a command that sets Django up writes its result: the project's own output while it
# loads (tandoor prints "Running django-vite in production mode") goes to stderr instead.
RESULT_OUT = sys.stdout


def setup_django():
    sys.path.insert(0, os.getcwd())
    sys.stdout = sys.stderr
    import django

    django.setup()


def project_file(obj):
    """The source file of obj when it belongs to the project (under cwd, outside any venv)."""
    try:
        path = inspect.getsourcefile(inspect.unwrap(obj))
    except (TypeError, ValueError):
        return None
    if not path:
        return None
    path = os.path.realpath(path)
    root = os.path.realpath(os.getcwd()) + os.sep
    if not path.startswith(root) or re.search(r"(^|/)(site-packages|\.?venv[^/]*)/", path[len(root):]):
        return None
    return os.path.relpath(path, root)


def walk(patterns, prefix=""):
    from django.urls import URLPattern, URLResolver

    for p in patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route, p


def _iscoroutinefunction():
    # asgiref < 3.6 (Django 4.1 and older may run with it) has no iscoroutinefunction.
    try:
        from asgiref.sync import iscoroutinefunction
    except ImportError:
        from asyncio import iscoroutinefunction
    return iscoroutinefunction


def view_target(callback):
    """(kind, object whose source counts, id, is_async or 'mixed: ...')."""
    iscoroutinefunction = _iscoroutinefunction()

    cls = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if cls is not None:
        try:
            is_async = bool(cls.view_is_async) if hasattr(cls, "view_is_async") else False
        except Exception as e:  # ImproperlyConfigured: handlers mixed sync and async
            is_async = "mixed: %s" % e
        drf = any(c.__module__.startswith("rest_framework") for c in cls.__mro__)
        return ("drf-class" if drf else "class"), cls, "%s.%s" % (cls.__module__, cls.__qualname__), is_async
    target = inspect.unwrap(callback)
    if not (inspect.isfunction(target) or inspect.ismethod(target)):
        target = type(callback)  # a callable instance (syndication Feed)
        return "instance", target, "%s.%s" % (target.__module__, target.__qualname__), iscoroutinefunction(callback)
    is_async = iscoroutinefunction(callback) or iscoroutinefunction(target)
    drf = getattr(callback, "cls", None) is not None
    return ("drf-function" if drf else "function"), target, "%s.%s" % (target.__module__, target.__qualname__), is_async


def cmd_views():
    setup_django()
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.module_loading import import_string

    views = {}
    for route, p in walk(get_resolver().url_patterns):
        kind, obj, vid, is_async = view_target(p.callback)
        f = project_file(obj)
        if not f:
            continue
        v = views.setdefault(vid, {"id": vid, "kind": kind, "file": f, "async": is_async, "routes": []})
        v["routes"].append(route)
    middleware = []
    for dotted in settings.MIDDLEWARE:
        try:
            mw = import_string(dotted)
        except Exception as e:
            middleware.append({"name": dotted, "error": str(e)})
            continue
        if not project_file(mw):
            continue
        iscoroutinefunction = _iscoroutinefunction()

        middleware.append({
            "name": dotted,
            "sync_capable": getattr(mw, "sync_capable", True),
            "async_capable": getattr(mw, "async_capable", False),
            "async_call": iscoroutinefunction(getattr(mw, "__call__", None)) if isinstance(mw, type) else None,
        })
    vs = list(views.values())
    print(json.dumps({
        "views": len(vs),
        "async": sum(1 for v in vs if v["async"] is True),
        "mixed": [v["id"] for v in vs if isinstance(v["async"], str)],
        "byKind": {k: sum(1 for v in vs if v["kind"] == k) for k in sorted({v["kind"] for v in vs})},
        "list": vs,
        "middleware": middleware,
    }, indent=1), file=RESULT_OUT)


def fill_route(route):
    """A concrete path for a route (`<int:...>` filled with 1), or None when it needs other
    parameters or is a regular expression that is not plain text."""
    r = re.sub(r"<int:[^>]*>", "1", route.replace("^", "").replace("$", ""))
    if "<" in r:
        return None
    if re.search(r"[()\[\]*+?{}|]", r) or re.search(r"\\[^.]", r) or re.search(r"(?<!\\)\.(?![a-z])", r):
        return None
    return "/" + r.replace("\\.", ".")


def cmd_pages(extra):
    setup_django()
    from django.conf import settings
    from django.urls import get_resolver
    from django.shortcuts import resolve_url

    paths = []
    for route, p in walk(get_resolver().url_patterns):
        _, obj, _, _ = view_target(p.callback)
        if not project_file(obj):
            continue
        path = fill_route(route)
        # A logout page would end the logged-in session for the pages after it.
        if path is None or re.search(r"log_?out|sign_?out", path, re.I):
            continue
        if os.environ.get("SKIP_PAGES") and re.search(os.environ["SKIP_PAGES"], path):
            continue
        paths.append(path)
    try:
        login = resolve_url(settings.LOGIN_URL)
        if login.startswith("/"):
            paths.append(login)
    except Exception:
        pass
    for e in extra:
        paths.extend(x for x in e.split() if x)
    seen, out = set(), []
    for p in paths:
        if p not in seen:
            seen.add(p)
            out.append(p)
    print(json.dumps(out), file=RESULT_OUT)


def cmd_session(user, password):
    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    u = User.objects.filter(**{User.USERNAME_FIELD: user}).first()
    if u is None:
        fields = {User.USERNAME_FIELD: user, "password": password}
        if "email" in [f.name for f in User._meta.get_fields()] and User.USERNAME_FIELD != "email":
            fields["email"] = user + "@example.com"
        u = User.objects.create_superuser(**fields)
    c = Client()
    c.force_login(u)
    name = settings.SESSION_COOKIE_NAME
    print("%s=%s" % (name, c.cookies[name].value), file=RESULT_OUT)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def opener(jar=None):
    handlers = [NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def request(op, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        r = op.open(req, timeout=60)
        return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except Exception as e:  # connection reset, timeout
        return 0, {}, str(e).encode()


def error_details(body):
    """Exception type, value and traceback from Django's technical 500 page (DEBUG=True)."""
    text = body.decode("utf-8", "replace")
    out = {}
    m = re.search(r"<title>(.*?)</title>", text, re.S)
    if m:
        out["title"] = html.unescape(m.group(1)).strip()
    m = re.search(r'<pre class="exception_value">(.*?)</pre>', text, re.S)
    if m:
        out["value"] = html.unescape(m.group(1)).strip()[:400]
    m = re.search(r'<textarea id="traceback_area"[^>]*>(.*?)</textarea>', text, re.S)
    if m:
        tb = html.unescape(m.group(1))
        lines = tb.splitlines()
        start = next((i for i, l in enumerate(lines) if l.startswith("Traceback")), 0)
        out["traceback"] = "\n".join(lines[start:])[-6000:]
    return out


def cmd_fetch(base, out, paths_file, cookie=None):
    paths = json.load(open(paths_file))
    op = opener()
    headers = {"Cookie": cookie} if cookie else {}
    with open(out, "w") as f:
        for p in paths:
            status, h, body = request(op, base + p, headers=headers)
            row = {"path": p, "status": status, "location": h.get("Location") or h.get("location"), "bytes": len(body)}
            if status >= 500 or status == 0:
                row.update(error_details(body) if status else {"error": body.decode()[:300]})
            f.write(json.dumps(row) + "\n")


def cmd_login(base, user, password, login_path):
    jar = http.cookiejar.CookieJar()
    op = opener(jar)
    status, h, body = request(op, base + login_path)
    for _ in range(3):  # LOGIN_URL without its trailing slash, and the like
        loc = h.get("Location") or h.get("location")
        if status not in (301, 302, 307, 308) or not loc:
            break
        login_path = urllib.parse.urljoin(login_path, loc)
        status, h, body = request(op, base + login_path)
    result = {"get": status, "path": login_path}
    m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not m:
        result["error"] = "no csrfmiddlewaretoken on the login page"
        print(json.dumps(result))
        return
    # `email` and `action` too, for login forms that take an email (the session user has user@example.com).
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": m.group(1).decode(), "username": user, "email": user + "@example.com",
                                   "password": password, "action": "login"}).encode()
    status, h, body = request(op, base + login_path, data, {"Referer": base + login_path, "Content-Type": "application/x-www-form-urlencoded"})
    result.update(post=status, location=h.get("Location"), cookies=sorted(c.name for c in jar))
    if status >= 500:
        result.update(error_details(body))
    print(json.dumps(result))


def cmd_tests(log):
    text = open(log, errors="replace").read()
    r = {"pass": 0, "fail": 0, "error": 0, "skipped": 0, "total": 0, "summary": None}
    m = re.findall(r"^Ran (\d+) tests? in", text, re.M)
    if m:  # Django's runner (unittest)
        r["total"] = int(m[-1])
        tail = text[text.rfind("Ran "):]
        for key, name in (("failures", "fail"), ("errors", "error"), ("skipped", "skipped"), ("expected failures", "skipped")):
            mm = re.search(r"\b%s=(\d+)" % key, tail)
            if mm:
                r[name] += int(mm.group(1))
        r["pass"] = r["total"] - r["fail"] - r["error"] - r["skipped"]
        r["summary"] = tail.strip().splitlines()[-2 if len(tail.strip().splitlines()) > 1 else -1][:200]
    else:  # pytest: "== 3 failed, 1290 passed, 2 skipped in 12.3s =="
        lines = [l for l in text.splitlines() if re.search(r"\b\d+ (passed|failed|error)", l)]
        if lines:
            last = lines[-1]
            r["summary"] = last.strip("= ")
            for n, key in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)", last):
                name = {"passed": "pass", "failed": "fail", "error": "error", "errors": "error", "skipped": "skipped", "xfailed": "skipped", "xpassed": "pass"}[key]
                r[name] += int(n)
            r["total"] = r["pass"] + r["fail"] + r["error"] + r["skipped"]
        else:
            r["summary"] = "no test summary in the log"
    r["failures"] = test_failures(text)
    print(json.dumps(r, indent=1))


def test_failures(text):
    """Failed tests with the exception and the project frames of their traceback."""
    out = []
    # Django's runner: ====\nERROR: test (mod.Class.test)\n----\nTraceback...
    blocks = re.split(r"^={50,}\n", text, flags=re.M)
    for b in blocks[1:]:
        m = re.match(r"(ERROR|FAIL): (\S+) \(([^)]+)\)", b)
        if not m:
            continue
        body = b.split("\n", 2)[-1]
        cause = traceback_cause(body.splitlines()) or {}
        out.append({"test": m.group(3), "kind": m.group(1), **cause})
    # pytest: "____ Class.test ____" sections (frames as `path:line: in func`, the error as `E   ...`),
    # and "FAILED path::Class::test - Exc: msg" in the short summary.
    sections = {}
    for m in re.finditer(r"^_+ (\S[^\n]*?) _+\n(.*?)(?=^_+ \S[^\n]*? _+$|^=+ )", text, re.M | re.S):
        frames = []
        for f in re.finditer(r"^(\S+\.py):(\d+):(?: in (\S+))?", m.group(2), re.M):
            if not re.search(r"site-packages|/lib/python3", f.group(1)):
                frames.append("%s:%s in %s" % (re.sub(r"^.*?/awaitify-django-[^/]+/[^/]+/", "", f.group(1)), f.group(2), f.group(3) or "?"))
        exc = [e for e in re.findall(r"^E\s+(\S.*)$", m.group(2), re.M) if re.match(r"[\w.]+(Error|Exception|Operation|Warning|Exit)\b", e)]
        sections[m.group(1).strip()] = {"frames": frames, "exceptionLine": exc[-1][:300] if exc else None}
    for m in re.finditer(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$", text, re.M):
        row = {"test": m.group(2), "kind": m.group(1), "exception": (m.group(3) or "")[:300]}
        row.update(sections.get(".".join(m.group(2).split("::")[1:]), {}))
        out.append(row)
    return out


def read_rows(path):
    try:
        return [json.loads(l) for l in open(path) if l.strip()]
    except FileNotFoundError:
        return []


def traceback_cause(lines):
    """Project frames (with their code line) and the exception of the last traceback in lines."""
    starts = [i for i, l in enumerate(lines) if l.startswith("Traceback (most recent call last)")]
    if not starts:
        return None
    frames, exc = [], None
    i = starts[-1] + 1
    while i < len(lines):
        l = lines[i]
        m = re.match(r'\s+File "([^"]+)", line (\d+), in (.+)', l)
        if m:
            path = m.group(1)
            if not re.search(r"site-packages|/lib/python3|<frozen", path):
                code = lines[i + 1].strip() if i + 1 < len(lines) else ""
                rel = re.sub(r"^.*?/awaitify-django-[^/]+/[^/]+/", "", path)
                frames.append("%s:%s in %s: %s" % (rel, m.group(2), m.group(3), code))
        elif l and not l[0].isspace():
            exc = l.strip()[:300]
            break
        i += 1
    return {"frames": frames, "exception": exc}


def log_errors(text):
    """Internal Server Error blocks of a server log, by path."""
    out = {}
    lines = text.splitlines()
    marks = [i for i, l in enumerate(lines) if "Internal Server Error: " in l]
    for n, i in enumerate(marks):
        path = lines[i].split("Internal Server Error: ", 1)[1].strip()
        end = marks[n + 1] if n + 1 < len(marks) else len(lines)
        block = lines[i + 1:end]
        cut = next((k for k, l in enumerate(block) if l.startswith("INFO:") or re.match(r"^\S+\.py:\d+: \w+Warning", l)), len(block))
        out.setdefault(path, traceback_cause(block[:cut]))
    return out


def never_awaited(text):
    """Each 'coroutine ... was never awaited' warning with where the coroutine was made (tracemalloc)."""
    lines = text.splitlines()
    out = []
    for i, l in enumerate(lines):
        if "was never awaited" in l:
            where = [x.strip() for x in lines[i + 1:i + 8] if re.match(r'\s+File "', x) and "site-packages" not in x]
            out.append(re.sub(r"^.*?/awaitify-django-[^/]+/[^/]+/", "", l.strip()) + (" | " + "; ".join(where[:2]) if where else ""))
    return sorted(set(out))


def local_location(location):
    """A redirect's target without this run's server (each phase serves on another free port)."""
    return re.sub(r"^https?://127\.0\.0\.1:\d+", "", location) if location else location


def cmd_compare(before, after, server_log):
    b = {r["path"]: r for r in read_rows(before)}
    a = read_rows(after)
    rows = []
    for r in a:
        old = b.get(r["path"], {})
        same = old.get("status") == r["status"] and (r["status"] // 100 != 3 or local_location(old.get("location")) == local_location(r.get("location")))
        rows.append({"path": r["path"], "before": old.get("status"), "after": r["status"], "ok": bool(same and r["status"] and r["status"] < 500),
                     "title": r.get("title"), "value": r.get("value")})
    log = open(server_log, errors="replace").read() if os.path.exists(server_log) else ""
    causes = log_errors(log)
    for r in rows:
        if not r["ok"] and r["path"].split("?")[0] in causes:
            r["cause"] = causes[r["path"].split("?")[0]]
    # A page that already failed before the migration (500, or no answer) is not counted.
    counted = [r for r in rows if r["before"] and r["before"] < 500]
    print(json.dumps({
        "total": len(counted),
        "ok": sum(1 for r in counted if r["ok"]),
        "failed": [r for r in counted if not r["ok"]],
        "failedBefore": [r["path"] for r in rows if r not in counted],
        "syncOnly": log.count("SynchronousOnlyOperation"),
        "neverAwaited": log.count("was never awaited"),
        "neverAwaitedSites": never_awaited(log),
    }, indent=1))


def cmd_loginurl():
    setup_django()
    from django.conf import settings
    from django.shortcuts import resolve_url

    print(resolve_url(settings.LOGIN_URL), file=RESULT_OUT)


def cmd_report(path):
    """Counts from an `awaitify migrate --format json` report."""
    from collections import Counter

    try:
        r = json.load(open(path))
    except (OSError, ValueError) as e:
        print(json.dumps({"error": "no report: %s" % e}))
        return
    plan = r.get("plan", {})
    findings = r.get("findings", [])
    print(json.dumps({
        "targets": r.get("targets"),
        "files": r["summary"]["files"],
        "findings": r["summary"]["findings"],
        "entries": len(plan.get("entries", [])),
        "asyncFunctions": len(plan.get("asyncFunctions", [])),
        "boundaries": len(plan.get("boundaries", [])),
        "byRule": dict(sorted(Counter("%s/%s" % (f["rule"], f["safety"]) for f in findings).items())),
    }, indent=1))


def load(path, default=None):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return default


def cmd_summary(out, name, commit, *modes):
    """One line per mode, and summary.json with everything the table needs."""
    def tests(phase):
        t = load(os.path.join(out, phase, "tests.json"))
        if not t:
            return "not run"
        s = "%d pass/%d fail" % (t["pass"], t["fail"] + t["error"])
        return s + ("/%d skipped" % t["skipped"] if t["skipped"] else "")

    before_views = load(os.path.join(out, "before", "views.json"), {})
    summary = {"name": name, "commit": commit, "views": before_views.get("views"),
               "viewsByKind": before_views.get("byKind"), "testsBefore": load(os.path.join(out, "before", "tests.json")),
               "modes": {}}
    lines = []
    for mode in modes:
        d = os.path.join(out, mode)
        rep = load(os.path.join(d, "report-summary.json"), {})
        views = load(os.path.join(d, "views.json"), {})
        anon = load(os.path.join(d, "compare-anon.json"), {})
        user = load(os.path.join(d, "compare-user.json"), {})
        login = load(os.path.join(d, "login.json"), {})
        f = rep.get("findings", {})
        summary["modes"][mode] = {"report": rep, "viewsAsync": views.get("async"), "mixed": views.get("mixed"),
                                  "middleware": views.get("middleware"), "testsAfter": load(os.path.join(d, "tests.json")),
                                  "anon": anon, "user": user, "login": login}
        lines.append(
            "%s@%s [%s]: views %s, made async %s; functions made async %s; findings %s safe/%s review/%s manual; "
            "tests before %s, after %s; pages logged-in OK %s/%s, anonymous OK %s/%s; login form POST %s (before %s); "
            "SynchronousOnlyOperation %s, never awaited %s"
            % (name, commit[:12], mode, summary["views"], views.get("async"), rep.get("asyncFunctions"),
               f.get("safe"), f.get("review"), f.get("manual"), tests("before"), tests(mode),
               user.get("ok"), user.get("total"), anon.get("ok"), anon.get("total"), login.get("post"),
               load(os.path.join(out, "before", "login.json"), {}).get("post"),
               (anon.get("syncOnly") or 0), (anon.get("neverAwaited") or 0)))
    json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {
        "views": lambda: cmd_views(),
        "pages": lambda: cmd_pages(args),
        "session": lambda: cmd_session(*args),
        "fetch": lambda: cmd_fetch(*args),
        "login": lambda: cmd_login(*args),
        "tests": lambda: cmd_tests(*args),
        "compare": lambda: cmd_compare(*args),
        "loginurl": lambda: cmd_loginurl(),
        "report": lambda: cmd_report(*args),
        "summary": lambda: cmd_summary(*args),
    }[cmd]()
