# serve-index: a plain http server listing a directory with icons (the icon
# images are read with fs.readFileSync on the first request that needs them).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/site/sub" && printf 'x' >"$SMOKE_TMP/site/a.txt" && printf 'y' >"$SMOKE_TMP/site/b.js"
touch -d '2020-01-02 03:04:05' "$SMOKE_TMP/site/sub" "$SMOKE_TMP/site/a.txt" "$SMOKE_TMP/site/b.js" "$SMOKE_TMP/site"
cat >"$SMOKE_TMP/server.js" <<JS
var http = require('http');
var serveIndex = require(process.cwd());
var index = serveIndex('$SMOKE_TMP/site', { icons: true });
http.createServer(function (req, res) {
  index(req, res, function (err) { res.statusCode = err ? (err.status || 500) : 404; res.end(err ? err.message : 'not found'); });
}).listen($PORT, '127.0.0.1');
JS
start_server node "$SMOKE_TMP/server.js" || exit 1
req -H 'Accept: text/html' "http://127.0.0.1:$PORT/" | sed "s#$SMOKE_TMP#TMP#g" | md5sum
req -H 'Accept: text/html' "http://127.0.0.1:$PORT/" | grep -c 'background-image: url(data:image/png;base64,'
req -H 'Accept: application/json' "http://127.0.0.1:$PORT/"
req -H 'Accept: text/plain' "http://127.0.0.1:$PORT/sub/"
