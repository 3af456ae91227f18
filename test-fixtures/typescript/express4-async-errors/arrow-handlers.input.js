const express = require('express');
const fs = require('fs');

const app = express();

app.get('/a', (req, res) => {
  const text = fs.readFileSync('a.txt', 'utf8');
  res.send(`text:
${text}`);
});

app.get('/b', (req, res) => res.send(fs.readFileSync('b.txt', 'utf8')));

app.get('/c', (req, res) => { res.send(fs.readFileSync('c.txt', 'utf8')); });

app.use((req) => {
  fs.appendFileSync('access.log', req.url + '\n');
});

module.exports = app;
