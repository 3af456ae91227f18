// fixture-options: express=5 node=12
const fs = require('fs');
const express = require('express');

const app = express();

app.get('/config', async (req, res) => {
  if (!(await fs.promises.access('config.json').then(() => true, () => false))) return res.sendStatus(404);
  res.json(JSON.parse(await fs.promises.readFile('config.json', 'utf8')));
});
