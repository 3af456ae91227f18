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
  let find = opts.live ? fromDisk.bind(null, root) : fromMemory.bind(null, files);
  const handler = function (req, res) {
    const body = find(req.url);
    res.end(body || '');
  };
  // `find` is handed out as well: its callers elsewhere expect the value, not a promise.
  handler.find = find;
  return handler;
}

http.createServer(createHandler('public', { live: true })).listen(8080);
