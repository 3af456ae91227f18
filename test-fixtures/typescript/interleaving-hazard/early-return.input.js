// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

// In POST /motd a call that reads the file returns before the write; a call
// that writes never read it: no path runs the read and then the write, so
// the handler migrates even under --safety safe. POST /audit does not return
// after its read: the read and the write are on one path (a lost update), and
// it stays sync.
const app = express();
app.post('/motd', (req, res) => {
  if (req.query.show) {
    const text = fs.readFileSync('motd.txt', 'utf8');
    return res.send(text);
  }
  fs.writeFileSync('motd.txt', req.query.text);
  res.sendStatus(204);
});
app.post('/audit', (req, res) => {
  let text = '';
  if (req.query.keep) {
    text = fs.readFileSync('audit.log', 'utf8');
  }
  fs.writeFileSync('audit.log', `${text}${req.query.line}\n`);
  res.sendStatus(204);
});

module.exports = app;
