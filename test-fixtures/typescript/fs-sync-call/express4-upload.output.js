const express = require('express');
const { writeFile, stat } = require('node:fs/promises');

const app = express();

app.put('/notes/:id', express.text(), async (req, res, next) => {
  try {
    const file = `notes/${req.params.id}.md`;
    await writeFile(file, req.body);
    const { size } = await stat(file);
    res.json({ id: req.params.id, size });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
