// fixture-options: api=twin express=5
const express = require('express');
const config = require('./config');
const { readConfigAsync } = require('./config');

const app = express();

app.get('/config', async (req, res) => {
  res.json(await readConfigAsync('app.json'));
});

app.get('/settings', async (req, res) => {
  res.json(await config.readSettingsAsync());
});
