// fixture-options: express=5
const express = require('express');
const path = require('path');
const { writeFile } = require('fs/promises');

// Create-if-missing: the check and the write become one writeFile with flag
// 'wx', which fails with EEXIST when the file exists (ignored, as the check
// skipped the write), so no await splits them (review).
const app = express();
app.put('/drafts/:id', async (req, res) => {
  const file = path.join('drafts', `${req.params.id}.txt`);
  await writeFile(file, req.query.text, { encoding: 'utf8', flag: 'wx' }).catch((err) => {
    if (err.code !== 'EEXIST') throw err;
  });
  res.sendStatus(204);
});

module.exports = app;
