// fixture-options: express=5 safety=safe
const express = require('express');
const path = require('path');
const { access, mkdir, writeFile } = require('fs/promises');

const app = express();
app.post('/uploads/:user', async (req, res) => {
  const dir = path.join('uploads', req.params.user);
  if (!(await access(dir).then(() => true, () => false))) await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'latest.txt'), req.query.text);
  res.sendStatus(204);
});

module.exports = app;
