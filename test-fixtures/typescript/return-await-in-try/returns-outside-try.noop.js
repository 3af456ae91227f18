const express = require('express');

const app = express();

async function proxy(url) {
  const response = fetch(url);
  return response;
}

app.get('/p', async (req, res) => {
  res.send(await proxy('https://example.com'));
});
