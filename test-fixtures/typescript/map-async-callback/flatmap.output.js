// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

async function linesOf(name) {
  return (await readFile(`logs/${name}.log`, 'utf8')).split('\n');
}

const app = express();
app.get('/logs', async (req, res) => {
  const names = String(req.query.names).split(',');
  res.json((await Promise.all(names.map(async (name) => await linesOf(name)))).flat());
});
app.get('/logs/tagged', async (req, res) => {
  const names = String(req.query.names).split(',');
  const tagged = (await Promise.all(names.map(async (name) => {
    const lines = await linesOf(name);
    return lines.map((line) => `${name}: ${line}`);
  }))).flat();
  res.json(tagged);
});

module.exports = app;
