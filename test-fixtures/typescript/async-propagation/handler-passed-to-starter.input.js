const http = require('http');
const fs = require('fs');
const connect = require('connect');

// The request handler comes from a factory and reaches connect through a parameter.
const createRequestHandler = (root) => {
  return (req, res) => {
    const stat = fs.statSync(root + req.url);
    res.end(String(stat.size));
  };
};

const startConnectApp = (handler) => {
  return connect().use('/', handler);
};

const init = (root, port) => {
  const handler = createRequestHandler(root);
  const app = startConnectApp(handler);
  http.createServer(app).listen(port);
};

init(process.cwd(), 8080);
