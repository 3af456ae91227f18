'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { dataDir } = require('../config');
const files = require('../store/files');
const { HttpError } = require('../errors');

function logError(err) {
  const dir = files.ensureDir(path.join(dataDir(), 'logs'));
  fs.appendFileSync(path.join(dir, 'errors.log'), `${new Date().toISOString()} ${err.stack || err}\n`);
}

function notFound(req, res, next) {
  next(new HttpError(404, `no route for ${req.method} ${req.path}`));
}

// Express knows an error handler by its four parameters.
function errorHandler(err, req, res, next) {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status = err.status || err.statusCode || 500;
  if (status >= 500) {
    logError(err);
  }
  res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });
}

module.exports = { notFound, errorHandler };
