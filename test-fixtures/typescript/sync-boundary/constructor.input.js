// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

function readConfig() {
  return JSON.parse(fs.readFileSync('config.json', 'utf8'));
}

function readBanner() {
  return fs.readFileSync('banner.txt', 'utf8');
}

class Settings {
  constructor() {
    this.values = readConfig();
  }
}

app.get('/banner', (req, res) => res.send(readBanner()));
app.get('/config', (req, res) => res.json(readConfig()));

module.exports = { app, Settings };
