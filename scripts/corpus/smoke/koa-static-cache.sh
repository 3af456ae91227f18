# koa-static-cache: a Koa app serving a directory with `dynamic: true` (a file
# created after start-up is loaded with fs.statSync/fs.readFileSync during the request).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$SMOKE_TMP/site" && printf 'preloaded\n' >"$SMOKE_TMP/site/a.txt"
touch -d '2020-01-02 03:04:05' "$SMOKE_TMP/site/a.txt"
cat >"$SMOKE_TMP/server.js" <<JS
const Koa = require('koa');
const staticCache = require(process.cwd());
const app = new Koa();
app.use(staticCache('$SMOKE_TMP/site', { dynamic: true, buffer: true }));
app.use((ctx) => { ctx.body = 'fallthrough ' + ctx.path; });
app.listen($PORT, '127.0.0.1');
JS
NODE_PATH="$PWD/node_modules" start_server node "$SMOKE_TMP/server.js" || exit 1
printf 'created later\n' >"$SMOKE_TMP/site/b.txt"
touch -d '2020-01-02 03:04:05' "$SMOKE_TMP/site/b.txt"
req -i "http://127.0.0.1:$PORT/a.txt" | grep -v '^Date:'
req -i "http://127.0.0.1:$PORT/b.txt" | grep -v '^Date:'
req "http://127.0.0.1:$PORT/missing.txt"
