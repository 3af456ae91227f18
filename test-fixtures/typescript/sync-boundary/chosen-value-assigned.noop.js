// fixture-options: express=5 entry=all
const express = require('express');
const fs = require('fs');

function readSmall(file) {
  return fs.readFileSync(file, 'utf8');
}

function readLarge(file) {
  return fs.readFileSync(file, 'latin1');
}

function readList(file) {
  return fs.readFileSync(file, 'utf8').split('\n');
}

let reader = function fallbackReader(file) {
  return String(file);
};
let handlers;

function configure(large) {
  // Reassigned after its declaration: calls of `reader` may be either function.
  reader = large ? readLarge : readSmall;
  handlers = [readList];
}

const app = express();
app.get('/read', (req, res) => {
  res.send(reader(req.query.file));
});
app.get('/list', (req, res) => {
  res.send(handlers[0](req.query.file));
});

module.exports = { app, configure };
