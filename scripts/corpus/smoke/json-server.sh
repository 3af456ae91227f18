# json-server: the CLI on a file-backed db (lowdb FileSync: every write request
# saves the whole db with fs.writeFileSync). The CLI runs from lib/, built here from src/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
npx babel src -d lib >/dev/null || exit 1
trap 'smoke_cleanup; rm -rf lib' EXIT
printf '{"posts":[{"id":1,"title":"a"}],"profile":{"name":"x"}}\n' >"$SMOKE_TMP/db.json"
start_server node lib/cli/bin.js "$SMOKE_TMP/db.json" --port "$PORT" --host 127.0.0.1 --quiet || exit 1
req "http://127.0.0.1:$PORT/posts/1"
req -X POST -H 'content-type: application/json' -d '{"title":"b"}' "http://127.0.0.1:$PORT/posts"
req -X PATCH -H 'content-type: application/json' -d '{"name":"y"}' "http://127.0.0.1:$PORT/profile"
req -X DELETE "http://127.0.0.1:$PORT/posts/1"
req "http://127.0.0.1:$PORT/posts"
echo "--- db file after the requests"
cat "$SMOKE_TMP/db.json"
