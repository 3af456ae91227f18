// fixture-options: express=5 node=6
const fs = require('fs');
const express = require('express');

const app = express();

// Node 6 has no async functions.
app.get('/config', (req, res) => {
  res.json(JSON.parse(fs.readFileSync('config.json', 'utf8')));
});
