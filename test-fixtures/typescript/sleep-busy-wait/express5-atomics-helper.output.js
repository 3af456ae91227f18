// fixture-options: express=5
const express = require('express');
const { setTimeout } = require('timers/promises');

const app = express();

async function sleep(ms) {
  await setTimeout(ms);
}

app.post('/jobs', async (req, res) => {
  await sleep(250);
  res.status(202).json({ queued: true });
});

module.exports = app;
