// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.put('/notes/:id', (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (fs.existsSync(file)) {
    return res.sendStatus(409);
  }
  fs.writeFileSync(file, req.query.text);
  res.sendStatus(201);
});
app.delete('/notes/:id', (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (fs.existsSync(file)) fs.unlinkSync(file);
  res.sendStatus(204);
});

module.exports = app;
