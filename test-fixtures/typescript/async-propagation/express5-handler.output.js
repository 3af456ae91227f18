// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

app.get('/a', async (req, res) => {
  res.send(await readFile('a.txt', 'utf8'));
});
