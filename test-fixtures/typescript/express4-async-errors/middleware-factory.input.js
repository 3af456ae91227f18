const express = require('express');
const fs = require('fs');

function audit(logFile) {
  const seen = new Set();
  return function auditMiddleware(req, res, next) {
    if (!seen.has(req.path)) {
      seen.add(req.path);
      fs.appendFileSync(logFile, `${req.method} ${req.path}\n`);
    }
    next();
  };
}

const app = express();
app.use(audit('audit.log'));
app.get('/', (req, res) => res.send('ok'));

module.exports = app;
