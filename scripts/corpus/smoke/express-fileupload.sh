# express-fileupload: an Express app using the package (temp files, createParentPath),
# one upload moved with mv() into a directory that does not exist yet.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cat >"$SMOKE_TMP/server.js" <<JS
const express = require('express');
const fs = require('fs');
const path = require('path');
const fileUpload = require(process.cwd());
const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: path.join('$SMOKE_TMP', 'tmp', 'up'), createParentPath: true }));
app.get('/', (req, res) => res.send('ok'));
app.post('/upload', (req, res) => {
  if (!req.files) return res.status(400).send('no files');
  const f = req.files.f;
  const dest = path.join('$SMOKE_TMP', 'saved', req.body.dir || 'x', f.name);
  f.mv(dest).then(() => res.send(f.name + ' ' + f.size + ' ' + f.md5 + ' ' + fs.readFileSync(dest, 'utf8')), (e) => res.status(500).send(String(e)));
});
app.listen($PORT, '127.0.0.1');
JS
printf 'hello upload\n' >"$SMOKE_TMP/a.txt"
NODE_PATH="$PWD/node_modules" start_server node "$SMOKE_TMP/server.js" || exit 1
req -F "f=@$SMOKE_TMP/a.txt" -F dir=deep/er "http://127.0.0.1:$PORT/upload"
req "http://127.0.0.1:$PORT/upload" -X POST
