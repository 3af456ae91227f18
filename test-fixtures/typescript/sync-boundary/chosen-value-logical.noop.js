// fixture-options: express=5 entry=all
const express = require('express');
const fs = require('fs');

function readPlain(file) {
  return fs.readFileSync(file, 'utf8');
}

function readTrimmed(file) {
  return fs.readFileSync(file, 'utf8').trim();
}

function readUpper(file) {
  return fs.readFileSync(file, 'utf8').toUpperCase();
}

function readLower(file) {
  return fs.readFileSync(file, 'utf8').toLowerCase();
}

function makeApp(options) {
  const pick = options.reader || readPlain;
  const fallback = options.fallback ?? readTrimmed;
  const strict = options.strict && readUpper;
  let lazy = options.lazy;
  lazy ||= readLower;
  const app = express();
  // Also kept for templates: not every use of `pick` and `fallback` is a call.
  app.locals.pick = pick;
  app.locals.fallback = fallback;
  app.get('/a', (req, res) => res.send(pick(req.query.file)));
  app.get('/b', (req, res) => res.send(fallback(req.query.file)));
  app.get('/c', (req, res) => res.send(strict ? strict(req.query.file) : ''));
  app.get('/d', (req, res) => res.send(lazy(req.query.file)));
  return app;
}

module.exports = makeApp;
