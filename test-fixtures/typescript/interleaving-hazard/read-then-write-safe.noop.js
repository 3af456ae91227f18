// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

// Without an early return, a call that keeps the log reads it and then
// writes it back with a line added: the read and the write are on one path,
// with an await between them (a lost update), and under --safety safe
// nothing changes.
const app = express();
app.post('/log', (req, res) => {
  let text = '';
  if (req.query.keep) {
    text = fs.readFileSync('app.log', 'utf8');
  }
  fs.writeFileSync('app.log', `${text}${req.query.line}\n`);
  res.sendStatus(204);
});

module.exports = app;
