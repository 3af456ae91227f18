// fixture-options: express=5 safety=safe api=twin
const express = require('express');
const fs = require('fs');
const { appendFile } = require('fs/promises');

let visits = 0;

function logVisit(path) {
  fs.appendFileSync('visits.log', `${path}\n`);
}

async function logVisitAsync(path) {
  await appendFile('visits.log', `${path}\n`);
}

const app = express();
app.get('/count', (req, res) => {
  const seen = visits;
  logVisit(req.path);
  visits = seen + 1;
  res.json({ visits });
});
app.get('/health', async (req, res) => {
  await logVisitAsync(req.path);
  res.send('ok');
});

module.exports = app;
