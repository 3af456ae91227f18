// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
const dataDir = path.join(__dirname, 'data');

app.get('/settings', (req, res) => {
  const raw = fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
  res.json(JSON.parse(raw));
});

app.post('/settings', express.json(), (req, res) => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(req.body, null, 2));
  res.sendStatus(204);
});

module.exports = app;
