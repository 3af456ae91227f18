const express = require('express');
const fs = require('fs');

const app = express();

app.get('/guarded', (req, res, next) => {
  try {
    res.send(fs.readFileSync('g.txt', 'utf8'));
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => {
  fs.appendFileSync('errors.log', String(err) + '\n');
  res.status(500).end();
});
