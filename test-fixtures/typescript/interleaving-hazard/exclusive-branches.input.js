// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');
const path = require('path');

// In POST, the read and the write of `file` are in the two branches of one
// `if`: no call runs both, so nothing can interleave between them, and the
// handler migrates even under --safety safe. In PUT the check is the `if`'s
// condition and the write its `else`, on one path: a hazard, so PUT stays sync.
const app = express();
app.post('/notes/:id', (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (req.query.mode === 'read') {
    res.send(fs.readFileSync(file, 'utf8'));
  } else {
    fs.writeFileSync(file, req.query.text);
    res.sendStatus(204);
  }
});

app.put('/notes/:id', (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (fs.existsSync(file)) {
    res.sendStatus(409);
  } else {
    fs.writeFileSync(file, req.query.text);
    res.sendStatus(201);
  }
});

module.exports = app;
