// fixture-options: express=5
const express = require('express');
const { appendFile } = require('fs/promises');

let visits = 0;

async function logVisit(path) {
  await appendFile('visits.log', `${path}\n`);
}

const app = express();
app.get('/count', async (req, res) => {
  const seen = visits;
  await logVisit(req.path);
  visits = seen + 1;
  res.json({ visits });
});
app.get('/health', async (req, res) => {
  await logVisit(req.path);
  res.send('ok');
});

module.exports = app;
