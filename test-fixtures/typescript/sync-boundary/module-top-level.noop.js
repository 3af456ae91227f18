const express = require('express');
const fs = require('fs');

function readVersion() {
  return fs.readFileSync('VERSION', 'utf8').trim();
}

// Read once at startup: CommonJS cannot await here.
const version = readVersion();

const app = express();
app.get('/version', (req, res) => res.send(readVersion()));
app.get('/boot-version', (req, res) => res.send(version));
