// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

async function loadTemplate(name) {
  return await readFile(`templates/${name}.html`, 'utf8');
}

app.get('/', async (req, res) => {
  res.type('html').send(await loadTemplate('home'));
});

module.exports = app;
