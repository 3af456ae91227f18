const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

async function load(file) {
  return JSON.parse(await readFile(file, 'utf8'));
}

app.get('/a', async (req, res) => {
  res.json(await load('a.json'));
});
