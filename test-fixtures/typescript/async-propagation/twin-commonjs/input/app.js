// fixture-options: api=twin express=5
const express = require('express');
const config = require('./config');
const { readConfig } = require('./config');

const app = express();

app.get('/config', (req, res) => {
  res.json(readConfig('app.json'));
});

app.get('/settings', (req, res) => {
  res.json(config.readSettings());
});
