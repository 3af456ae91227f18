// fixture-options: express=5
// A dropped promise in a function that was async already: reported, not changed
// (it may be background work on purpose).
const express = require('express');
const { appendFile } = require('fs/promises');

async function audit(entry) {
  await appendFile('audit.log', `${entry}\n`);
}

const app = express();
app.post('/orders', async (req, res) => {
  audit(`order ${req.body.id}`);
  res.sendStatus(201);
});

module.exports = app;
