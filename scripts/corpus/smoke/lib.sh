# Helpers for the smoke scripts (sourced). A smoke script runs in the app's
# directory, starts the server on 127.0.0.1:$PORT, requests a few routes and
# prints what came back (status line and body), so that run.sh can compare the
# output before and after the migration. It stops only the server it started.
PORT="${PORT:-39170}"
SMOKE_TMP="$(mktemp -d "${TMPDIR:-/tmp}/awaitify-smoke.XXXXXX")"
server_pid=""
# The server's own children too (`npx ts-node` leaves the node process running when only npx is stopped).
descendants() { local c; for c in $(pgrep -P "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done; }
smoke_cleanup() {
  if [[ -n "$server_pid" ]]; then kill $(descendants "$server_pid") "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$SMOKE_TMP"
}
trap smoke_cleanup EXIT
# start_server <command...>: runs it in the background, waits until the port answers.
start_server() {
  "$@" >"$SMOKE_TMP/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 "${SMOKE_WAIT:-100}"); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; cat "$SMOKE_TMP/server.log"; return 1; }
    sleep 0.2
  done
  echo "server did not answer on port $PORT"; cat "$SMOKE_TMP/server.log"; return 1
}
# req <curl args...>: prints "<status>" then the body (-w after the body).
req() {
  { echo "--- $*"; curl -s -w '\n[status %{http_code}]\n' "$@" 2>&1; } | sed "s#$SMOKE_TMP#TMP#g"
}
