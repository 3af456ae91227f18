// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.post('/uploads/:user', (req, res) => {
  const dir = path.join('uploads', req.params.user);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.txt'), req.query.text);
  res.sendStatus(204);
});

module.exports = app;
