#!/usr/bin/env bash
# Robustness run (not a test): migrates a copy of a real source tree with the
# built CLI and checks the invariants awaitify must keep on any input:
#   - it does not crash (exit 0 or 3, never an internal error);
#   - no file is `failed` because its migrated text would not parse, and no
#     edits overlap ("internal error" failures);
#   - the dry run and --write change the same files, and a second run over the
#     written output changes nothing (idempotence, `--check` exits 0);
#   - every changed .js/.cjs/.mjs file still passes `node --check`, every
#     changed .ts/.tsx/.mts/.cts file still parses with TypeScript 5 (a parser
#     independent of the TypeScript 6 awaitify uses), every changed .py file
#     still passes `python3 -m py_compile` (when the original did).
#
#   scripts/robustness/run.sh <tree> [--entry all|handlers|<glob>] [--out DIR]
#                             [--keep] [--unskip] [-- <more migrate options>]
#
#   --entry    passed to `migrate` (default: all, so every function reaching a
#              blocking call is migrated and the engine is exercised widely)
#   --out      where the reports go (default: a fresh /tmp/awaitify-robust-*)
#   --keep     keep the migrated copy (it is in $OUT/tree)
#   --unskip   rename nested directories awaitify skips by design (dist, build,
#              lib-like vendored dirs...) so their files are migrated too
#   AWAITIFY   the CLI to run (default: dist/cli/awaitify.js of this repo)
#
# Prints a summary (also in $OUT/summary.md) and exits 1 when an invariant is
# broken, 0 otherwise. The summary is the thing to read; the raw material is in
# $OUT: dry.json, write.json, second.json, write.diff, second.diff, *.time.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cli="${AWAITIFY:-$repo/dist/cli/awaitify.js}"

tree=""
entry="all"
out=""
keep=0
unskip=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --entry) entry="$2"; shift 2 ;;
    --entry=*) entry="${1#--entry=}"; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --unskip) unskip=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ -z "$tree" ]; then tree="$1"; shift; else echo "run.sh: one tree only" >&2; exit 2; fi ;;
  esac
done
[ -n "$tree" ] || { echo "usage: run.sh <tree> [--entry all] [--out DIR] [--keep] [--unskip] [-- migrate options]" >&2; exit 2; }
[ -d "$tree" ] || { echo "run.sh: $tree: not a directory" >&2; exit 2; }
[ -f "$cli" ] || { echo "run.sh: $cli missing: run 'npx tsc -p .' in $repo first (or set AWAITIFY)" >&2; exit 2; }

if [ -z "$out" ]; then out="$(mktemp -d /tmp/awaitify-robust-XXXXXX)"; else mkdir -p "$out"; fi
out="$(cd "$out" && pwd)"
work="$out/tree"
rm -rf "$work"
# -L: a symlink pointing outside the tree must not let --write reach the original.
cp -RL "$tree" "$work" 2>/dev/null || cp -R "$tree" "$work"
find "$work" -name .git -prune -exec rm -rf {} + 2>/dev/null
if [ "$unskip" = 1 ]; then
  # Same list as SKIPPED_DIRECTORIES in transforms/core/discover.ts, minus
  # .git and the caches that never hold sources.
  for d in node_modules dist build out vendor vendors third_party site-packages; do
    find "$work" -mindepth 1 -depth -type d -name "$d" -execdir mv {} "{}_" \; 2>/dev/null
  done
fi

cd "$work" || exit 2
git init -q . && git -c user.name=robustness -c user.email=robustness@localhost -c commit.gpgsign=false add -A . >/dev/null 2>&1
git -c user.name=robustness -c user.email=robustness@localhost -c commit.gpgsign=false commit -qm original --no-verify >/dev/null 2>&1

migrate() { # <name> <args...>: runs the CLI under /usr/bin/time -v; stdout to $out/<name>.json
  local name="$1"; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$out/$name.time" node "$cli" migrate . --entry "$entry" --no-progress --format json "${extra[@]}" "$@" >"$out/$name.json" 2>"$out/$name.err"
  else
    local t0; t0=$(date +%s.%N)
    node "$cli" migrate . --entry "$entry" --no-progress --format json "${extra[@]}" "$@" >"$out/$name.json" 2>"$out/$name.err"
    local rc=$?
    echo "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:$(echo "$(date +%s.%N) - $t0" | bc)" >"$out/$name.time"
    return $rc
  fi
}

migrate dry;            echo $? >"$out/dry.rc"
# Baseline syntax checks on the files the dry run would change, before writing.
node "$here/check-syntax.mjs" "$work" "$out/dry.json" >"$out/syntax-before.json" 2>"$out/syntax-before.err"
migrate write --write --allow-dirty;  echo $? >"$out/write.rc"
git diff --binary >"$out/write.diff"
git diff --name-only >"$out/write.names"
node "$here/check-syntax.mjs" "$work" "$out/dry.json" >"$out/syntax-after.json" 2>"$out/syntax-after.err"
git -c user.name=robustness -c user.email=robustness@localhost -c commit.gpgsign=false commit -qam migrated --no-verify >/dev/null 2>&1
migrate second --check; echo $? >"$out/second.rc"
# What a second --write would do, as a diff (the report shows it for non-idempotent files).
node "$cli" migrate . --entry "$entry" --no-progress "${extra[@]}" >"$out/second.diff" 2>/dev/null

node "$here/summarize.mjs" "$out" "$tree" "$entry" | tee "$out/summary.md"
status=${PIPESTATUS[0]}
cd / && [ "$keep" = 1 ] || rm -rf "$work"
echo "reports: $out"
exit "$status"
