const connect = require('connect');
const http = require('http');
const { readFile } = require('fs/promises');

// A middleware factory, as connect apps write them.
function staticServer(root) {
  return async function (req, res, next) {
    try {
      if (req.method !== 'GET') return next();
      res.end(await readFile(`${root}${req.url}`));
    } catch (err) {
      next(err);
    }
  };
}

// A factory that returns one of two middlewares.
function entryPoint(file) {
  if (!file) return function (req, res, next) { next(); };
  return async function (req, res, next) {
    try {
      req.url = '/' + (await readFile(file, 'utf8')).trim();
      next();
    } catch (err) {
      next(err);
    }
  };
}

const app = connect();
app.use(entryPoint(process.env.ENTRY))
  .use('/static', staticServer('public'));
http.createServer(app).listen(8080);
