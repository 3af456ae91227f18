// fixture-options: express=4
const path = require('path');
const express = require('express');
const { readdir, lstat, access } = require('fs/promises');

const app = express();
app.get('/dirs', async (req, res, next) => {
  try {
    const root = req.query.root;
    const entries = await readdir(root);
    const keep = await Promise.all(entries.map(async (e) => (await lstat(path.join(root, e))).isDirectory()));
    const dirs = entries.filter((_, i) => keep[i]);
    const answers = await Promise.all(entries.map(async (e) => await access(path.join(root, e, 'index.html')).then(() => true, () => false)));
    if (answers.some(Boolean)) {
      res.set('x-has-index', '1');
    }
    res.json(dirs);
  } catch (err) {
    next(err);
  }
});

app.get('/special', async (req, res, next) => {
  try {
    const items = (await readdir(req.query.root));
    const keep2 = await Promise.all(items.map(async (file) => (await lstat(path.join(req.query.root, file))).isDirectory()));
    res.json(items.filter((_, i) => keep2[i])
      .filter((name) => name.startsWith('__')));
  } catch (err) {
    next(err);
  }
});

module.exports = app;
