// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

let visits = 0;

function logVisit(path) {
  fs.appendFileSync('visits.log', `${path}\n`);
}

const app = express();
app.get('/count', (req, res) => {
  const seen = visits;
  logVisit(req.path);
  visits = seen + 1;
  res.json({ visits });
});
app.get('/health', (req, res) => {
  logVisit(req.path);
  res.send('ok');
});

module.exports = app;
