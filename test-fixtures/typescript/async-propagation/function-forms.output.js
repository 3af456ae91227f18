// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

const readText = async file => await readFile(file, 'utf8');

const parsers = {
  async json(file) {
    return JSON.parse(await readText(file));
  },
  lines: async function (file) {
    return (await readText(file)).split('\n');
  },
};

app.get('/json', async (req, res) => res.json(await parsers.json('data.json')));

app.get('/lines', async function (req, res) {
  const count = (await parsers.lines('data.txt')).length;
  res.send(String(count));
});
