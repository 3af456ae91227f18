const http = require('http');
const fs = require('fs');
const connect = require('connect');

// The starter also keeps the handler elsewhere, where awaitify cannot follow it.
const createRequestHandler = (root) => {
  return (req, res) => {
    const stat = fs.statSync(root + req.url);
    res.end(String(stat.size));
  };
};

const handlers = [];

const startConnectApp = (handler) => {
  handlers.push(handler);
  return connect().use('/', handler);
};

const init = (root, port) => {
  const handler = createRequestHandler(root);
  const app = startConnectApp(handler);
  http.createServer(app).listen(port);
};

init(process.cwd(), 8080);
