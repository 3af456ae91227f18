// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');

const app = express();

function readConfig() {
  return JSON.parse(fs.readFileSync('config.json', 'utf8'));
}

async function readBanner() {
  return await readFile('banner.txt', 'utf8');
}

class Settings {
  constructor() {
    this.values = readConfig();
  }
}

app.get('/banner', async (req, res) => res.send(await readBanner()));
app.get('/config', (req, res) => res.json(readConfig()));

module.exports = { app, Settings };
