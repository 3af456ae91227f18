// fixture-options: express=5
// A require inside the function whose call was its only use goes with it.
const express = require('express');

const app = express();

function loadTemplate(name) {
  const fs = require('fs');
  return fs.readFileSync(`templates/${name}.html`, 'utf8');
}

app.get('/page/:name', (req, res) => {
  res.send(loadTemplate(req.params.name));
});

module.exports = app;
