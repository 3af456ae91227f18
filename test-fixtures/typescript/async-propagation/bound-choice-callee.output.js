const http = require('http');
const path = require('path');
const { access, readFile } = require('fs/promises');

async function fromDisk(root, url) {
  const file = path.join(root, url);
  return (await access(file).then(() => true, () => false)) ? await readFile(file) : undefined;
}

function fromMemory(files, url) {
  return files.get(url);
}

function createHandler(root, opts = {}) {
  const files = new Map();
  // Every use of `find` is a call: both functions it may be are awaited there.
  let find = opts.live ? fromDisk.bind(null, root) : fromMemory.bind(null, files);
  return async function (req, res) {
    const body = await find(req.url);
    if (!body) {
      res.statusCode = 404;
      return res.end();
    }
    res.end(body);
  };
}

http.createServer(createHandler('public', { live: true })).listen(8080);
