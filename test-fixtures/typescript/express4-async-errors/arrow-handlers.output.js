const express = require('express');
const { readFile, appendFile } = require('fs/promises');

const app = express();

app.get('/a', async (req, res, next) => {
  try {
    const text = await readFile('a.txt', 'utf8');
    res.send(`text:
${text}`);
  } catch (err) {
    next(err);
  }
});

app.get('/b', async (req, res, next) => { try { return res.send(await readFile('b.txt', 'utf8')); } catch (err) { next(err); } });

app.get('/c', async (req, res, next) => { try { res.send(await readFile('c.txt', 'utf8')); } catch (err) { next(err); } });

app.use(async (req, res, next) => {
  try {
    await appendFile('access.log', req.url + '\n');
  } catch (err) {
    next(err);
  }
});

module.exports = app;
