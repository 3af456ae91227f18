# haste-server: the connect server with file storage in a temp dir; add a document, read it
# back raw and as JSON, a missing key, the static about document loaded at start-up.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cat >"$SMOKE_TMP/config.js" <<CFG
{ "host": "127.0.0.1", "port": $PORT, "keyLength": 10, "maxLength": 400000, "staticMaxAge": 86400,
  "recompressStaticAssets": false, "keyGenerator": { "type": "random" },
  "storage": { "type": "file", "path": "$SMOKE_TMP/data" }, "documents": { "about": "./about.md" } }
CFG
PORT="$PORT" start_server node server.js "$SMOKE_TMP/config.js" || exit 1
key=$(curl -s -XPOST --data-binary 'hello smoke' "http://127.0.0.1:$PORT/documents" | sed -E 's/.*"key":"([^"]+)".*/\1/')
[[ -n "$key" ]] && echo "key length ${#key}"
req "http://127.0.0.1:$PORT/raw/$key" | sed "s/$key/KEY/g"
req "http://127.0.0.1:$PORT/documents/$key" | sed "s/$key/KEY/g"
req "http://127.0.0.1:$PORT/documents/nope" 
req "http://127.0.0.1:$PORT/raw/about" | head -3
