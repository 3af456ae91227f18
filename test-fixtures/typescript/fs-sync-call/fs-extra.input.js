// fixture-options: express=5
const express = require('express');
const fse = require('fs-extra');

const app = express();

app.put('/projects/:id', express.json(), (req, res) => {
  const dir = `projects/${req.params.id}`;
  fse.ensureDirSync(dir);
  const previous = fse.pathExistsSync(`${dir}/project.json`) ? fse.readJsonSync(`${dir}/project.json`) : {};
  fse.writeJsonSync(`${dir}/project.json`, { ...previous, ...req.body }, { spaces: 2 });
  res.sendStatus(204);
});

module.exports = app;
