const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

app.get('/a', async (req, res, next) => {
  try {
    res.send(await readFile('a.txt', 'utf8'));
  } catch (err) {
    next(err);
  }
});
