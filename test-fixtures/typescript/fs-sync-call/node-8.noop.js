// fixture-options: express=5 node=8
const fs = require('fs');
const express = require('express');

const app = express();

// Node 8 has neither fs/promises nor require('fs').promises: the call stays, with the reason.
app.get('/config', (req, res) => {
  res.json(JSON.parse(fs.readFileSync('config.json', 'utf8')));
});
