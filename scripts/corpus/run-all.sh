#!/usr/bin/env bash
# Runs scripts/corpus/run.sh for every project of projects.tsv (or the names
# given) in both modes, then prints the Markdown table of docs/corpus.md:
#   scripts/corpus/run-all.sh [name...]
# Environment:
#   CORPUS_CHECKOUTS  a directory holding one checkout per project, named like
#                     the project (default: none, each project is cloned)
#   CORPUS_RESULTS    where each run's output goes (default: /tmp/awaitify-corpus)
#   CORPUS_MODES      the modes to run (default: "handlers sources"; see run.sh:
#                     handlers, sources, all, safe, all-safe)
#   AWAITIFY, CORPUS_LINK_NODE_MODULES  passed on to run.sh
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="${CORPUS_RESULTS:-/tmp/awaitify-corpus}"
names=("$@")
[[ ${#names[@]} -gt 0 ]] || mapfile -t names < <(awk -F'\t' 'NR > 1 { print $1 }' "$here/projects.tsv")

status=0
for name in "${names[@]}"; do
  checkout=""
  [[ -n "${CORPUS_CHECKOUTS:-}" ]] && checkout="$CORPUS_CHECKOUTS/$name"
  for mode in ${CORPUS_MODES:-handlers sources}; do
    CORPUS_MODE="$mode" CORPUS_OUT="$results/$name-$mode" bash "$here/run.sh" "$name" $checkout >"$results/$name-$mode.log" 2>&1
    code=$?
    [[ $code -eq 0 ]] || status=1
    head -n 1 "$results/$name-$mode/result.txt" 2>/dev/null || echo "$name [$mode]: run.sh exited $code, see $results/$name-$mode.log"
  done
done
CORPUS_MODES="${CORPUS_MODES:-handlers sources}" node "$here/table.mjs" "$results" "${names[@]}"
exit $status
