const express = require('express');
const fs = require('node:fs');

const app = express();

app.put('/notes/:id', express.text(), (req, res, next) => {
  const file = `notes/${req.params.id}.md`;
  fs.writeFileSync(file, req.body);
  const { size } = fs.statSync(file);
  res.json({ id: req.params.id, size });
});

module.exports = app;
