// fixture-options: entry=all express=5
const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');

function loadTemplates() {
  return fs.readdirSync('templates');
}

// Registered at top level, called per request: not start-up code.
async function showTemplate(req, res) {
  res.send(await readFile(`templates/${req.params.name}`, 'utf8'));
}

const templates = loadTemplates();
const app = express();
app.get('/templates', (req, res) => res.json(templates));
app.get('/templates/:name', showTemplate);
module.exports = app;
