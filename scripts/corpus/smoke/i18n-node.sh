# i18n-node: a plain http server translating with res.__(), updateFiles on
# (a phrase missing from the catalog is written to the locale file during the request).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/locales" && printf '{"Hello":"Hallo"}\n' >"$SMOKE_TMP/locales/de.json"
cat >"$SMOKE_TMP/server.js" <<JS
var http = require('http');
var i18n = require(process.cwd());
i18n.configure({ locales: ['en', 'de'], directory: '$SMOKE_TMP/locales', queryParameter: 'lang', updateFiles: true });
http.createServer(function (req, res) {
  i18n.init(req, res, function () {
    res.end(res.__('Hello') + ' / ' + res.__('Bye %s', 'you') + ' / ' + res.__n('%s cat', '%s cats', 3));
  });
}).listen($PORT, '127.0.0.1');
JS
start_server node "$SMOKE_TMP/server.js" || exit 1
req "http://127.0.0.1:$PORT/?lang=de"
req "http://127.0.0.1:$PORT/?lang=en"
echo "--- locale files after the requests"
for f in "$SMOKE_TMP"/locales/*.json; do echo "$(basename "$f"):"; cat "$f"; done
