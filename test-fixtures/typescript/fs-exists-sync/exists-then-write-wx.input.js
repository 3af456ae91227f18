// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');

// Create-if-missing: the check and the write become one writeFile with flag
// 'wx', which fails with EEXIST when the file exists (ignored, as the check
// skipped the write), so no await splits them (review).
const app = express();
app.put('/drafts/:id', (req, res) => {
  const file = path.join('drafts', `${req.params.id}.txt`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, req.query.text, 'utf8');
  res.sendStatus(204);
});

module.exports = app;
