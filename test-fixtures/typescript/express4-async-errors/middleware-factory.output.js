const express = require('express');
const { appendFile } = require('fs/promises');

function audit(logFile) {
  const seen = new Set();
  return async function auditMiddleware(req, res, next) {
    try {
      if (!seen.has(req.path)) {
        seen.add(req.path);
        await appendFile(logFile, `${req.method} ${req.path}\n`);
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

const app = express();
app.use(audit('audit.log'));
app.get('/', (req, res) => res.send('ok'));

module.exports = app;
