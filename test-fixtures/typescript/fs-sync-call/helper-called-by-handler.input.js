// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

function loadTemplate(name) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8');
}

app.get('/', (req, res) => {
  res.type('html').send(loadTemplate('home'));
});

module.exports = app;
