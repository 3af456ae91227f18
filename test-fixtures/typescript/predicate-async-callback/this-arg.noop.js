// fixture-options: express=5
const fs = require('fs');
const express = require('express');

const checker = { root: 'data', exists(f) { return fs.existsSync(`${this.root}/${f}`); } };

const app = express();
app.get('/check', (req, res) => {
  res.json(req.query.files.every(function (f) { return this.exists(f); }, checker));
});

module.exports = app;
