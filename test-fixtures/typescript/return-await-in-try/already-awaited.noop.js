const express = require('express');

const app = express();

app.get('/p', async (req, res) => {
  try {
    return res.json(await fetch('https://example.com').then((r) => r.json()));
  } catch (err) {
    res.status(502).end();
  }
});
