const http = require('http');
const connect = require('connect');
const { stat: fsPromisesStat } = require('fs/promises');

// The request handler comes from a factory and reaches connect through a parameter.
const createRequestHandler = (root) => {
  return async (req, res, next) => {
    try {
      const stat = await fsPromisesStat(root + req.url);
      res.end(String(stat.size));
    } catch (err) {
      next(err);
    }
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
