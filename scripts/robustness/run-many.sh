#!/usr/bin/env bash
# Runs run.sh over several trees, one after the other, and concatenates the
# summaries into $OUT/all.md.
#   scripts/robustness/run-many.sh <out-dir> <tree>... [-- run.sh options]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$1"; shift
trees=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do trees+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"
: >"$out/all.md"
status=0
for t in "${trees[@]}"; do
  # Last two path components, so vite/dist and vitest/dist do not collide.
  name="$(basename "$(dirname "$t")")_$(basename "$t")"
  bash "$here/run.sh" "$t" --out "$out/$name" --keep "$@" >/dev/null 2>&1 || status=1
  cat "$out/$name/summary.md" >>"$out/all.md" 2>/dev/null || echo "## $t: no summary" >>"$out/all.md"
  echo >>"$out/all.md"
done
exit $status
