# harp: the CLI server on two small projects, one with harp.json (public/ is the root) and one
# with _harp.json (the project dir is the root); each request reads the config (helpers.setup).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/site/public" "$SMOKE_TMP/bare"
printf '{ "globals": { "title": "Smoke" } }\n' >"$SMOKE_TMP/site/harp.json"
printf 'h1= title\np from jade\n' >"$SMOKE_TMP/site/public/index.jade"
printf '# Notes\n\n*md*\n' >"$SMOKE_TMP/site/public/notes.md"
printf '{ "globals": { "title": "Bare" } }\n' >"$SMOKE_TMP/bare/_harp.json"
printf 'h2= title\n' >"$SMOKE_TMP/bare/index.jade"
start_server node bin/harp "$SMOKE_TMP/site" --port "$PORT" --host 127.0.0.1 --silent || exit 1
req "http://127.0.0.1:$PORT/"
req "http://127.0.0.1:$PORT/notes"
req "http://127.0.0.1:$PORT/missing" | grep -oE '\[status [0-9]+\]'
kill "$server_pid"; wait "$server_pid" 2>/dev/null
start_server node bin/harp "$SMOKE_TMP/bare" --port "$PORT" --host 127.0.0.1 --silent || exit 1
req "http://127.0.0.1:$PORT/"
