// fixture-options: express=5 entry=all
const express = require('express');
const fs = require('fs');

function readText(file) {
  return fs.readFileSync(file, 'utf8');
}

// Reassigned later to a package function: calls through `reader` are awaited,
// which is harmless for the package function's plain return value.
let reader = readText;

function useNative() {
  reader = fs.readFileSync;
}

const app = express();
app.get('/read', (req, res) => {
  res.send(reader(req.query.file));
});

module.exports = { app, useNative };
