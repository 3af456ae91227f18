#!/usr/bin/env bash
# Runs awaitify on one Django project of the real-codebase corpus
# (scripts/corpus/django-projects.tsv) and checks it before and after:
#   scripts/corpus/django-run.sh <name> <checkout-dir> <venv-dir> [awaitify-checkout]
#
# The checkout is copied to a temp dir and committed (git init) so that `--write`
# accepts it; that copy is never changed. For "before" and for each mode a fresh copy
# of it is made; in each mode's copy awaitify runs
#   node <awaitify>/dist/cli/awaitify.js migrate . --write --format json [--safety safe]
# (mode `default`: awaitify's defaults; mode `safe`: `--safety safe`). Then, in every
# copy: the project's setup commands, its own test suite (the tests are never edited),
# the views Django routes (sync or async, read from the URL resolver), and a uvicorn
# server on the project's ASGI application, where every page of the page list is
# requested anonymously and with a logged-in session (user `corpus`, a superuser,
# created with the project's user model; the session is made with Django's test
# client `force_login`), and the login form is submitted once. After-migration status
# codes are compared with the before ones, and the server log is searched for
# SynchronousOnlyOperation and "coroutine ... was never awaited".
#
# Serving uses a settings module that imports the project's and sets DEBUG = True and
# ALLOWED_HOSTS = ["*"] (so a 500 page carries its traceback), plus django/<name>.settings.py
# when there is one (e.g. a database file where the test settings name none); the project's own
# settings module is used for the tests. Nothing is written outside the temp dir and
# $CORPUS_OUT; the project's code never enters this repository.
#
# Environment:
#   CORPUS_OUT     results folder (default: /tmp/awaitify-django-corpus/<name>)
#   CORPUS_MODES   modes to run (default: "default safe"; also "nomw": --skip middleware-async,
#                  to see what the migrated views do when the middleware stays as it is;
#                  "all": --entry all)
#   CORPUS_AWAITIFY_ARGS  extra awaitify arguments for every mode (e.g. "--django 5.2" where the
#                  project only states a range and the venv has a newer Django)
#   CORPUS_TESTS   0 skips the test suites (page checks only); "after" runs them after migration only
#   CORPUS_KEEP    1 keeps the temp dir (its path is printed)
#   DJANGO_TEST_CMD, DJANGO_SETTINGS, DJANGO_ASGI, DJANGO_SETUP, DJANGO_PAGES,
#   DJANGO_SKIP_PAGES
#                  override the columns of django-projects.tsv (pages: extra paths to
#                  request besides the routes without parameters; skip: a regular
#                  expression of paths to leave out, e.g. a never-ending stream)
# The test and setup commands run with the venv's bin/ first on PATH, in the copy's
# root, with CORPUS_HERE set to this directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
name="${1:?usage: django-run.sh <name> <checkout-dir> <venv-dir> [awaitify-checkout]}"
checkout="$(cd "${2:?checkout dir}" && pwd)"
venv="$(cd "${3:?venv dir}" && pwd)"
awaitify_dir="$(cd "${4:-$repo}" && pwd)"
awaitify="$awaitify_dir/dist/cli/awaitify.js"
out="${CORPUS_OUT:-/tmp/awaitify-django-corpus/$name}"
modes="${CORPUS_MODES-default safe}"
probe="$here/django-probe.py"

[[ -f "$awaitify" ]] || { echo "django-run.sh: $awaitify not found (build with: npx tsc -p tsconfig.json)" >&2; exit 2; }
[[ -x "$venv/bin/python" ]] || { echo "django-run.sh: $venv/bin/python not found" >&2; exit 2; }
"$venv/bin/python" -c 'import uvicorn' 2>/dev/null || { echo "django-run.sh: uvicorn is not installed in $venv" >&2; exit 2; }

# Tab is an IFS whitespace character, so `read` would merge empty columns: use awk.
field() { awk -F'\t' -v n="$name" -v c="$1" 'NR > 1 && $1 == n { print $c }' "$here/django-projects.tsv"; }
settings="${DJANGO_SETTINGS:-$(field 4)}"
asgi="${DJANGO_ASGI:-$(field 5)}"
setup_cmd="${DJANGO_SETUP:-$(field 6)}"
test_cmd="${DJANGO_TEST_CMD:-$(field 7)}"
extra_pages="${DJANGO_PAGES:-$(field 8)}"
skip_pages="${DJANGO_SKIP_PAGES:-$(field 9)}"
[[ -n "$settings" && -n "$test_cmd" ]] || { echo "django-run.sh: no project '$name' in django-projects.tsv (or set DJANGO_SETTINGS and DJANGO_TEST_CMD)" >&2; exit 2; }
seed="$here/django/$name.seed.py"

rm -rf "$out"; mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/awaitify-django-$name.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  if [[ "${CORPUS_KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "django-run.sh: kept $work" >&2; fi
}
trap cleanup EXIT
log() { echo "django-run.sh: $name: $*" >&2; }

# The committed pristine copy.
mkdir -p "$work/pristine" "$work/extra"
tar -C "$checkout" --exclude=./.git --exclude='./venv' --exclude='./.venv' --exclude='__pycache__' -cf - . | tar -C "$work/pristine" -xf -
git -C "$work/pristine" init -q
git -C "$work/pristine" add -A
git -C "$work/pristine" -c user.name=corpus -c user.email=corpus@localhost commit -q -m "upstream" --no-verify
upstream_commit="$(field 3)"; [[ -n "$upstream_commit" ]] || upstream_commit="$(git -C "$checkout" rev-parse HEAD 2>/dev/null || echo unknown)"

# Serving settings and, when the project has no asgi module, an ASGI entry point.
cat >"$work/extra/awaitify_corpus_settings.py" <<EOF
from $settings import *  # noqa: F401,F403
DEBUG = True
ALLOWED_HOSTS = ["*"]
EOF
if [[ -f "$here/django/$name.settings.py" ]]; then cat "$here/django/$name.settings.py" >>"$work/extra/awaitify_corpus_settings.py"; fi
if [[ -z "$asgi" ]]; then
  asgi=awaitify_corpus_asgi:application
  printf 'from django.core.asgi import get_asgi_application\napplication = get_asgi_application()\n' >"$work/extra/awaitify_corpus_asgi.py"
fi

in_copy() { # $1: copy dir, rest: command (bash -c) with the venv first on PATH
  local dir="$1"; shift
  (cd "$dir" && PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv" CORPUS_HERE="$here" DJANGO_SETTINGS_MODULE="$settings" bash -c "$*")
}
pyprobe() { # $1: copy dir, rest: probe args; with the serving settings
  local dir="$1"; shift
  (cd "$dir" && PYTHONPATH="$work/extra:$dir" DJANGO_SETTINGS_MODULE=awaitify_corpus_settings "$venv/bin/python" "$probe" "$@")
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

serve_and_fetch() { # $1: phase (before or a mode), $2: copy dir
  local phase="$1" dir="$2" port cookie
  local res="$out/$phase"
  in_copy "$dir" "PYTHONPATH='$work/extra:$dir' DJANGO_SETTINGS_MODULE=awaitify_corpus_settings python manage.py migrate --noinput" >"$res/migrate.log" 2>&1 \
    || { log "$phase: manage.py migrate failed, see $res/migrate.log"; return 1; }
  cookie="$(pyprobe "$dir" session corpus corpus-Pass-4711 2>"$res/session.log" | tail -n 1)"
  if [[ -f "$seed" ]]; then
    (cd "$dir" && PYTHONPATH="$work/extra:$dir" DJANGO_SETTINGS_MODULE=awaitify_corpus_settings "$venv/bin/python" manage.py shell -c "exec(open('$seed').read())") >"$res/seed.log" 2>&1 \
      || log "$phase: seed failed, see $res/seed.log"
  fi
  if [[ "$phase" == before ]]; then
    # shellcheck disable=SC2086
    # The list is the probe's last line: a project may print while Django sets up (tandoor's django-vite).
    SKIP_PAGES="$skip_pages" pyprobe "$dir" pages $extra_pages | tail -n 1 >"$out/pages.json"
  fi
  port="$(free_port)"
  (cd "$dir" && PYTHONPATH="$work/extra:$dir" DJANGO_SETTINGS_MODULE=awaitify_corpus_settings PYTHONWARNINGS=always::RuntimeWarning \
    exec "$venv/bin/python" -m uvicorn "$asgi" --host 127.0.0.1 --port "$port" --no-access-log) >"$res/server.log" 2>&1 &
  server_pid=$!
  local up=0
  for _ in $(seq 1 360); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then up=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [[ $up != 1 ]]; then log "$phase: uvicorn did not start, see $res/server.log"; kill "$server_pid" 2>/dev/null || true; server_pid=""; return 1; fi
  "$venv/bin/python" "$probe" fetch "http://127.0.0.1:$port" "$res/pages-anon.jsonl" "$out/pages.json"
  "$venv/bin/python" "$probe" fetch "http://127.0.0.1:$port" "$res/pages-user.jsonl" "$out/pages.json" "$cookie"
  login_path="$(pyprobe "$dir" loginurl)"
  "$venv/bin/python" "$probe" login "http://127.0.0.1:$port" corpus corpus-Pass-4711 "$login_path" >"$res/login.json" || true
  sleep 1
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

run_phase() { # $1: before or a mode
  local phase="$1" dir="$work/$1"
  local res="$out/$phase"
  mkdir -p "$res"
  cp -a "$work/pristine" "$dir"
  if [[ "$phase" != before ]]; then
    local args=()
    # shellcheck disable=SC2206
    local extra_args=(${CORPUS_AWAITIFY_ARGS:-})
    case "$phase" in
      default) ;;
      safe) args=(--safety safe) ;;
      nomw) args=(--skip middleware-async) ;;  # shows what the views do behind a failing middleware
      all) args=(--entry all) ;;
      *) log "unknown mode $phase (default, safe, nomw, all)"; return 1 ;;
    esac
    args+=("${extra_args[@]}")
    log "$phase: awaitify migrate . --write ${args[*]}"
    (cd "$dir" && node "$awaitify" migrate . --write --format json "${args[@]}" >"$res/report.json" 2>"$res/awaitify.log") \
      || log "$phase: awaitify exited $? (see $res/awaitify.log)"
    git -C "$dir" diff >"$res/migration.diff"
    "$venv/bin/python" "$probe" report "$res/report.json" >"$res/report-summary.json"
  fi
  if [[ -n "$setup_cmd" ]]; then in_copy "$dir" "$setup_cmd" >"$res/setup.log" 2>&1 || log "$phase: setup failed, see $res/setup.log"; fi
  if [[ "${CORPUS_TESTS:-1}" != 0 && ! ( "${CORPUS_TESTS:-1}" == after && "$phase" == before ) ]]; then
    log "$phase: tests: $test_cmd"
    local status=0
    in_copy "$dir" "$test_cmd" >"$res/tests.log" 2>&1 || status=$?
    "$venv/bin/python" "$probe" tests "$res/tests.log" >"$res/tests.json"
    log "$phase: tests exited $status: $(cat "$res/tests.json")"
  fi
  pyprobe "$dir" views >"$res/views.json" 2>"$res/views.log" || log "$phase: could not list the views, see $res/views.log"
  log "$phase: uvicorn page checks"
  serve_and_fetch "$phase" "$dir" || true
  if [[ "$phase" != before ]]; then
    for who in anon user; do
      "$venv/bin/python" "$probe" compare "$out/before/pages-$who.jsonl" "$res/pages-$who.jsonl" "$res/server.log" >"$res/compare-$who.json"
    done
  fi
}

run_phase before
for mode in $modes; do run_phase "$mode"; done

"$venv/bin/python" "$probe" summary "$out" "$name" "$upstream_commit" $modes | tee "$out/result.txt"
