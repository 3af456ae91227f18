// fixture-options: express=5
const express = require('express');
const path = require('path');
const { access, writeFile, unlink } = require('fs/promises');

const app = express();
app.put('/notes/:id', async (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (await access(file).then(() => true, () => false)) {
    return res.sendStatus(409);
  }
  await writeFile(file, req.query.text);
  res.sendStatus(201);
});
app.delete('/notes/:id', async (req, res) => {
  const file = path.join('notes', `${req.params.id}.txt`);
  if (await access(file).then(() => true, () => false)) await unlink(file);
  res.sendStatus(204);
});

module.exports = app;
