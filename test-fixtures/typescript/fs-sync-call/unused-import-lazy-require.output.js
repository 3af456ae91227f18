// fixture-options: express=5
// A require inside the function whose call was its only use goes with it.
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

async function loadTemplate(name) {
  return await readFile(`templates/${name}.html`, 'utf8');
}

app.get('/page/:name', async (req, res) => {
  res.send(await loadTemplate(req.params.name));
});

module.exports = app;
