const connect = require('connect');
const fs = require('fs');
const http = require('http');

// A middleware factory, as connect apps write them.
function staticServer(root) {
  return function (req, res, next) {
    if (req.method !== 'GET') return next();
    res.end(fs.readFileSync(`${root}${req.url}`));
  };
}

// A factory that returns one of two middlewares.
function entryPoint(file) {
  if (!file) return function (req, res, next) { next(); };
  return function (req, res, next) {
    req.url = '/' + fs.readFileSync(file, 'utf8').trim();
    next();
  };
}

const app = connect();
app.use(entryPoint(process.env.ENTRY))
  .use('/static', staticServer('public'));
http.createServer(app).listen(8080);
