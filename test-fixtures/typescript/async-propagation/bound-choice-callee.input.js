const http = require('http');
const fs = require('fs');
const path = require('path');

function fromDisk(root, url) {
  const file = path.join(root, url);
  return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

function fromMemory(files, url) {
  return files.get(url);
}

function createHandler(root, opts = {}) {
  const files = new Map();
  // Every use of `find` is a call: both functions it may be are awaited there.
  let find = opts.live ? fromDisk.bind(null, root) : fromMemory.bind(null, files);
  return function (req, res) {
    const body = find(req.url);
    if (!body) {
      res.statusCode = 404;
      return res.end();
    }
    res.end(body);
  };
}

http.createServer(createHandler('public', { live: true })).listen(8080);
