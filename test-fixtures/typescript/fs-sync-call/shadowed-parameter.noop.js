// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const memfs = require('./memfs');

const app = express();

function readVirtual(fs, file) {
  return fs.readFileSync(file, 'utf8');
}

app.get('/virtual/:name', (req, res) => {
  res.send(readVirtual(memfs, req.params.name));
});

module.exports = { app, fs };
