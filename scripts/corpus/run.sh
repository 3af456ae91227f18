#!/usr/bin/env bash
# Runs awaitify on one project of the real-codebase corpus (scripts/corpus/projects.tsv):
#   scripts/corpus/run.sh <name> [checkout-dir]
# Copies the checkout (without node_modules) to a temp dir, installs it, runs its
# own tests (baseline), runs a dry `awaitify migrate --format json` under
# `/usr/bin/time -v` (wall time, peak RSS), applies it with `--write --allow-dirty`,
# runs the tests again and prints a one-line summary followed by the JSON counts.
# Without a checkout dir the project is cloned from GitHub at the listed commit.
# Nothing is written outside the temp dir and $CORPUS_OUT; the project's code never
# enters this repository.
#
# Environment:
#   AWAITIFY     the CLI to run (default: dist/cli/awaitify.js of this repo; build first)
#   CORPUS_OUT   where logs, reports and the diff go (default: /tmp/awaitify-corpus/<name>)
#   CORPUS_MODE  handlers (default): awaitify's own handler detection chooses the entries;
#                sources: every function in the project's own source files (the
#                sources_entry glob of projects.tsv) is an entry (`--entry <glob>`);
#                all: `--entry all` (every function with a blocking call, tests included);
#                safe: handlers with `--safety safe`; all-safe: `--entry all --safety safe`
#   CORPUS_KEEP  1 keeps the temp copy (its path is printed)
#   CORPUS_LINK_NODE_MODULES  1: symlink the checkout's node_modules instead of
#                running the install command (the checkout must be installed already)
#
# When projects.tsv names a smoke script (column 8, under scripts/corpus/smoke/),
# it is run in the copy before and after the migration (it starts the server on
# 127.0.0.1, requests a few routes and prints status and body); the two outputs
# are compared and the result (same / differs / failed) is part of the summary.
# When projects.tsv names the test paths (column 9, space-separated) and the
# migration changed a file under them, the tests run a third time with those
# paths restored from the untouched copy ("after, original tests"): awaitify's
# edits to a test must not be what keeps a suite green.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
name="${1:?usage: run.sh <name> [checkout-dir]}"
checkout="${2:-}"
awaitify="${AWAITIFY:-$repo/dist/cli/awaitify.js}"
mode="${CORPUS_MODE:-handlers}"
out="${CORPUS_OUT:-/tmp/awaitify-corpus/$name-$mode}"

[[ -f "$awaitify" ]] || { echo "run.sh: $awaitify not found (build with: npx tsc -p .)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time (GNU time) is needed for wall time and peak RSS" >&2; exit 2; }

# Tab is an IFS whitespace character, so `read` would merge empty columns: use awk.
field() { awk -F'\t' -v n="$name" -v c="$1" 'NR > 1 && $1 == n { print $c }' "$here/projects.tsv"; }
[[ -n "$(field 1)" ]] || { echo "run.sh: no project '$name' in projects.tsv" >&2; exit 2; }
repository="$(field 2)"; commit="$(field 3)"; install_cmd="$(field 4)"; test_cmd="$(field 5)"; sources_entry="$(field 6)"; smoke="$(field 8)"; test_paths="$(field 9)"
case "$mode" in
  handlers) awaitify_args=() ;;
  sources) awaitify_args=(--entry "$sources_entry") ;;
  all) awaitify_args=(--entry all) ;;
  safe) awaitify_args=(--safety safe) ;;
  all-safe) awaitify_args=(--entry all --safety safe) ;;
  *) echo "run.sh: CORPUS_MODE must be handlers, sources, all, safe or all-safe" >&2; exit 2 ;;
esac

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/awaitify-corpus-$name.XXXXXX")"
cleanup() { if [[ "${CORPUS_KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "run.sh: kept $work" >&2; fi; }
trap cleanup EXIT

if [[ -z "$checkout" ]]; then
  git clone --quiet "https://github.com/$repository.git" "$work/clone"
  git -C "$work/clone" checkout --quiet "$commit"
  checkout="$work/clone"
fi
# The copy under test, and a pristine copy to diff against after --write.
mkdir -p "$work/app" "$work/pristine"
tar -C "$checkout" --exclude=./node_modules --exclude=./.git -cf - . | tar -C "$work/app" -xf -
tar -C "$work/app" -cf - . | tar -C "$work/pristine" -xf -
cd "$work/app"

echo "run.sh: $name ($repository@${commit:0:12}, mode $mode) in $work/app" >&2
if [[ "${CORPUS_LINK_NODE_MODULES:-0}" == 1 ]]; then
  [[ -d "$checkout/node_modules" ]] || { echo "run.sh: $checkout/node_modules missing (install the checkout first)" >&2; exit 2; }
  ln -s "$checkout/node_modules" node_modules
  ln -s "$checkout/node_modules" "$work/pristine/node_modules"
  echo "run.sh: node_modules linked from $checkout" >&2
else
  echo "run.sh: install: $install_cmd" >&2
  bash -c "$install_cmd" >"$out/install.log" 2>&1 || { echo "run.sh: install failed, see $out/install.log" >&2; exit 1; }
fi

run_tests() { # $1: before|after
  local start end status=0
  start=$(date +%s%N)
  bash -c "$test_cmd" >"$out/tests-$1.log" 2>&1 || status=$?
  end=$(date +%s%N)
  node "$here/tests.mjs" "$out/tests-$1.log" >"$out/tests-$1.json" || true
  node -e '
    const [file, status, ms] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    r.exitCode = Number(status); r.seconds = Math.round(Number(ms) / 100) / 10;
    require("fs").writeFileSync(file, JSON.stringify(r));
  ' "$out/tests-$1.json" "$status" "$(( (end - start) / 1000000 ))"
}

run_smoke() { # $1: before|after
  [[ -n "$smoke" ]] || return 0
  local status=0
  PORT="${CORPUS_PORT:-39170}" timeout 120 bash "$here/smoke/$smoke" >"$out/smoke-$1.txt" 2>&1 || status=$?
  printf "\nexit %s\n" "$status" >>"$out/smoke-$1.txt"
}

echo "run.sh: tests before: $test_cmd" >&2
run_tests before
run_smoke before

# Test runs leave files behind (built output, fixtures a suite creates and does
# not remove): the migration starts from the untouched copy again.
reset_to() { # $1: a copy of the tree (without node_modules) the app dir is reset to
  find "$work/app" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
  tar -C "$1" --exclude=./node_modules -cf - . | tar -C "$work/app" -xf -
}
reset_to "$work/pristine"

# Dry run: the report that the table counts, timed.
/usr/bin/time -v -o "$out/time-dry.txt" node "$awaitify" migrate . --format json "${awaitify_args[@]}" \
  >"$out/report-dry.json" 2>"$out/awaitify-dry.log" || { echo "run.sh: dry run failed, see $out/awaitify-dry.log" >&2; exit 1; }
/usr/bin/time -v -o "$out/time-write.txt" node "$awaitify" migrate . --write --allow-dirty --format json "${awaitify_args[@]}" \
  >"$out/report-write.json" 2>"$out/awaitify-write.log" || { echo "run.sh: --write failed, see $out/awaitify-write.log" >&2; exit 1; }

# The change set, for reading and for bug reports (node_modules was never touched).
(cd "$work" && diff -ruN --exclude=node_modules pristine app >"$out/migration.diff") || true
mkdir -p "$work/migrated"
tar -C "$work/app" --exclude=./node_modules -cf - . | tar -C "$work/migrated" -xf -

echo "run.sh: tests after" >&2
run_tests after
run_smoke after
tests_changed=""
for p in $test_paths; do
  if grep -qE "^diff .* pristine/${p%/}/" "$out/migration.diff"; then tests_changed=1; fi
done
if [[ -n "$tests_changed" ]]; then
  echo "run.sh: the migration changed test files; tests again with the original ones ($test_paths)" >&2
  reset_to "$work/migrated"
  for p in $test_paths; do
    rm -rf "${work:?}/app/$p"
    [[ -e "$work/pristine/$p" ]] && cp -a "$work/pristine/$p" "$work/app/$p"
  done
  run_tests after-original-tests
else
  rm -f "$out/tests-after-original-tests.json"
fi
smoke_result="none"
if [[ -n "$smoke" ]]; then
  if ! grep -qx 'exit 0' "$out/smoke-before.txt"; then smoke_result="failed before"
  elif ! grep -qx 'exit 0' "$out/smoke-after.txt"; then smoke_result="failed after"
  elif cmp -s "$out/smoke-before.txt" "$out/smoke-after.txt"; then smoke_result="same"
  else smoke_result="differs"; fi
fi

node "$here/summarize.mjs" "$out/report-dry.json" "$out/time-dry.txt" >"$out/summary.json"
node -e '
  const fs = require("fs");
  const [dir, name, repository, commit, mode, args, smoke] = process.argv.slice(1);
  const s = JSON.parse(fs.readFileSync(dir + "/summary.json", "utf8"));
  const before = JSON.parse(fs.readFileSync(dir + "/tests-before.json", "utf8"));
  const after = JSON.parse(fs.readFileSync(dir + "/tests-after.json", "utf8"));
  const origFile = dir + "/tests-after-original-tests.json";
  const afterOriginalTests = fs.existsSync(origFile) ? JSON.parse(fs.readFileSync(origFile, "utf8")) : null;
  const t = (r) => `${r.pass} pass/${r.fail} fail` + (r.pending ? `/${r.pending} pending` : "") + (r.error ? ` (${r.error})` : "");
  const b = s.blockingSites;
  console.log(`${name} ${repository}@${commit.slice(0, 12)} [${mode}]: files ${s.files.total}, changed ${s.files.changed}, failed ${s.files.failed}; ` +
    `blocking sites ${b.found} (transformed ${b.transformed}, manual ${b.manual}); ` +
    `dry run ${s.time.wallSeconds}s ${s.time.peakRssMiB} MiB; tests before ${t(before)}, after ${t(after)}` +
    (afterOriginalTests ? ` (tests edited by the migration; with the original tests: ${t(afterOriginalTests)})` : "") + `; smoke ${smoke}`);
  console.log(JSON.stringify({ name, repository, commit, mode, awaitifyArgs: args, summary: s, testsBefore: before, testsAfter: after, testsAfterOriginalTests: afterOriginalTests, smoke }, null, 2));
' "$out" "$name" "$repository" "$commit" "$mode" "${awaitify_args[*]}" "$smoke_result" | tee "$out/result.txt"

# The bar: no more failures and no fewer passes than before (a test that fails
# before the migration, e.g. one that needs the network, is not counted against
# it), and the smoke output unchanged.
node -e '
  const fs = require("fs");
  const b = JSON.parse(fs.readFileSync(process.argv[1] + "/tests-before.json", "utf8"));
  const smoke = process.argv[2];
  const ok = (a) => a.fail <= b.fail && !a.error && (a.exitCode === 0 || b.exitCode !== 0) && a.pass >= b.pass;
  const a = JSON.parse(fs.readFileSync(process.argv[1] + "/tests-after.json", "utf8"));
  const o = process.argv[1] + "/tests-after-original-tests.json";
  const orig = fs.existsSync(o) ? JSON.parse(fs.readFileSync(o, "utf8")) : null;
  process.exit(ok(a) && (!orig || ok(orig)) && (smoke === "none" || smoke === "same") ? 0 : 1);
' "$out" "$smoke_result"
