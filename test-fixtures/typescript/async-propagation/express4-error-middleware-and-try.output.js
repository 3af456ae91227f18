const express = require('express');
const { readFile, appendFile } = require('fs/promises');

const app = express();

app.get('/guarded', async (req, res, next) => {
  try {
    res.send(await readFile('g.txt', 'utf8'));
  } catch (err) {
    next(err);
  }
});

app.use(async (err, req, res, next) => {
  try {
    await appendFile('errors.log', String(err) + '\n');
    res.status(500).end();
  } catch (error) {
    next(error);
  }
});
