#!/usr/bin/env bash
# Speed and memory of a dry run on a large tree, awaitify next to jscodeshift:
#   scripts/corpus/bench.sh <tree> [runs...]
# runs (default: all of them, one after the other, nothing written):
#   awaitify          awaitify migrate <tree> --format json        (handler entries)
#   awaitify-all      the same with --entry all                    (every function is an entry)
#   jscodeshift       jscodeshift --dry -t scripts/corpus/fs-sync-transform.cjs  (its default workers)
#   jscodeshift-band  the same with --run-in-band                  (one process, like awaitify)
#   awaitify-jscs     jscodeshift --dry --run-in-band --no-babel -t transforms/jscodeshift/awaitify.cjs --entry=all
#                     (--no-babel: babel-register chokes on ts-morph's static class blocks)
# Each run goes through `/usr/bin/time -v` (wall time, peak RSS of the largest
# process); prints one line per run and writes logs to $BENCH_OUT.
#
# Environment:
#   AWAITIFY_ROOT  the awaitify checkout whose dist/ is run (default: this repo; build first)
#   BENCH_OUT      logs (default: /tmp/awaitify-bench)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tree="$(cd "${1:?usage: bench.sh <tree> [runs...]}" && pwd)"
shift
runs=("$@")
[[ ${#runs[@]} -gt 0 ]] || runs=(awaitify awaitify-all jscodeshift jscodeshift-band awaitify-jscs)
root="${AWAITIFY_ROOT:-$repo}"
out="${BENCH_OUT:-/tmp/awaitify-bench}"
jscodeshift="$repo/node_modules/.bin/jscodeshift"
mkdir -p "$out"

# What jscodeshift is pointed at: the extensions awaitify reads, and the
# .gitignore and vendored directories awaitify's discovery skips.
jscs_common=(--dry --parser=tsx --extensions=js,jsx,mjs,cjs,ts,tsx,mts,cts
  --ignore-pattern='**/node_modules/**' --ignore-pattern='**/dist/**' --ignore-pattern='**/build/**'
  --ignore-pattern='**/vendor/**' --ignore-pattern='**/.git/**')
# jscodeshift --gitignore fails outright when the tree has no .gitignore.
[[ -f "$tree/.gitignore" ]] && jscs_common+=(--gitignore)

measure() { # name, command...
  local name="$1"
  shift
  local status=0
  (cd "$tree" && /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err") || status=$?
  node -e '
    const fs = require("fs");
    const [dir, name, status] = process.argv.slice(1);
    const t = fs.readFileSync(`${dir}/${name}.time`, "utf8");
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(t);
    const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
    const rss = Math.round(Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(t)[1]) / 1024);
    const cpu = /Percent of CPU this job got:\s*(\d+)%/.exec(t)[1];
    // The machine may be shared: user+sys CPU seconds are steadier than wall time.
    const cpuSeconds = Number(/User time \(seconds\):\s*([\d.]+)/.exec(t)[1]) + Number(/System time \(seconds\):\s*([\d.]+)/.exec(t)[1]);
    let files, detail = "";
    const out = fs.readFileSync(`${dir}/${name}.out`, "utf8");
    if (name.startsWith("awaitify") && !name.endsWith("jscs")) {
      const r = JSON.parse(out);
      files = r.summary.files.total;
      detail = `changed ${r.summary.files.changed}, failed ${r.summary.files.failed}, skipped ${r.summary.files.skipped}; ` +
        `findings ${r.summary.findings.total} (${r.summary.findings.applied} to apply)`;
    } else {
      // jscodeshift prints a "Results:" block with the counts to stdout.
      const n = (w) => Number((new RegExp(`(\\d+) ${w}`).exec(out) ?? [0, 0])[1]);
      files = n("errors") + n("unmodified") + n("skipped") + n("ok");
      detail = `ok ${n("ok")}, unmodified ${n("unmodified")}, skipped ${n("skipped")}, errors ${n("errors")}`;
    }
    console.log(`${name}: exit ${status}, ${files} files in ${seconds.toFixed(1)} s = ${(files / seconds).toFixed(0)} files/s, ` +
      `peak RSS ${rss} MiB, CPU ${cpuSeconds.toFixed(1)} s (${cpu}%); ${detail}`);
  ' "$out" "$name" "$status" | tee -a "$out/summary.txt"
}

echo "bench: $tree ($(date -u +%FT%TZ))" | tee -a "$out/summary.txt"
for run in "${runs[@]}"; do
  case "$run" in
    awaitify) measure awaitify node "$root/dist/cli/awaitify.js" migrate . --format json ;;
    awaitify-all) measure awaitify-all node "$root/dist/cli/awaitify.js" migrate . --format json --entry all ;;
    jscodeshift) measure jscodeshift "$jscodeshift" "${jscs_common[@]}" -t "$here/fs-sync-transform.cjs" . ;;
    jscodeshift-band) measure jscodeshift-band "$jscodeshift" "${jscs_common[@]}" --run-in-band -t "$here/fs-sync-transform.cjs" . ;;
    awaitify-jscs) measure awaitify-jscs "$jscodeshift" "${jscs_common[@]}" --run-in-band --no-babel -t "$root/transforms/jscodeshift/awaitify.cjs" --root="$tree" --entry=all . ;;
    *) echo "bench: unknown run $run" >&2; exit 2 ;;
  esac
done
