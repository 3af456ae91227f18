# markserv: the CLI server on a small tree; a directory listing (readdirSync + statSync per entry),
# a markdown page, a missing file (statSync throws), the tree's root.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/site/docs/sub"
printf '# Hello\n\nsome *text*\n' >"$SMOKE_TMP/site/README.md"
printf '# Doc\n' >"$SMOKE_TMP/site/docs/a.md"
printf 'plain\n' >"$SMOKE_TMP/site/docs/b.txt"
start_server node lib/cli.js "$SMOKE_TMP/site" --port "$PORT" --address 127.0.0.1 --silent --browser false || exit 1
req "http://127.0.0.1:$PORT/docs/" | grep -oE 'href="[^"]*"|\[status [0-9]+\]' | sort
req "http://127.0.0.1:$PORT/README.md" | grep -oE '<h1[^>]*>.*</h1>|<em>[^<]*</em>|\[status [0-9]+\]'
req "http://127.0.0.1:$PORT/nope.md" | grep -oE '\[status [0-9]+\]'
