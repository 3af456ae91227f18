// fixture-options: express=5 node=12
const fs = require('fs');
const express = require('express');

const app = express();

app.get('/config', (req, res) => {
  if (!fs.existsSync('config.json')) return res.sendStatus(404);
  res.json(JSON.parse(fs.readFileSync('config.json', 'utf8')));
});
