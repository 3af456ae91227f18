#!/usr/bin/env bash
# The full robustness corpus of docs/robustness.md, one tree after another
# (about 10 minutes on 2 cores). Needs the npm trees from fetch-trees.sh and
# the Python venv from scripts/python-env.sh.
#   scripts/robustness/all.sh <out-dir> [trees-dir]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:?usage: all.sh <out-dir> [trees-dir]}"
trees="${2:-/tmp/awaitify-trees}"
nm="$repo/node_modules"
sp="$(ls -d "$repo"/.venv/lib/python3*/site-packages 2>/dev/null | head -1)"
status=0
npm_trees=()
for d in "$trees"/*/; do [ "$(basename "$d")" = tgz ] || npm_trees+=("${d%/}"); done
bash "$here/run-many.sh" "$out/npm" "${npm_trees[@]}" || status=1
bash "$here/run-many.sh" "$out/node_modules" "$nm/@babel" "$nm/recast" "$nm/jscodeshift" "$nm/vitest/dist" \
  "$nm/ts-morph/dist" "$nm/yargs" "$nm/diff" "$nm/vite/dist" || status=1
# awaitify's own TypeScript sources, tests and fixtures.
self="$out/self-src/awaitify"
rm -rf "$self" && mkdir -p "$self"
(cd "$repo" && tar cf - --exclude=node_modules --exclude=dist --exclude=snapshots --exclude='.venv*' \
  cli transforms tests scripts test-fixtures package.json tsconfig.json) | tar xf - -C "$self"
bash "$here/run-many.sh" "$out/self" "$self" || status=1
if [ -n "$sp" ]; then
  bash "$here/run-many.sh" "$out/python" "$sp/django" "$sp/requests" "$sp/httpx" "$sp/asgiref" || status=1
  bash "$here/run-many.sh" "$out/python-handlers" "$sp/django" -- --entry handlers || status=1
else
  echo "all.sh: no $repo/.venv: run scripts/python-env.sh first for the Python trees" >&2
fi
cat "$out"/*/all.md >"$out/all.md"
grep -h '^## \|^\*\*' "$out/all.md"
exit $status
