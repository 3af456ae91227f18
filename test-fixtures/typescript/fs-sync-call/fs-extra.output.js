// fixture-options: express=5
const express = require('express');
const fse = require('fs-extra');

const app = express();

app.put('/projects/:id', express.json(), async (req, res) => {
  const dir = `projects/${req.params.id}`;
  await fse.ensureDir(dir);
  const previous = (await fse.pathExists(`${dir}/project.json`)) ? await fse.readJson(`${dir}/project.json`) : {};
  await fse.writeJson(`${dir}/project.json`, { ...previous, ...req.body }, { spaces: 2 });
  res.sendStatus(204);
});

module.exports = app;
