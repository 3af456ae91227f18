const express = require('express');
const fs = require('fs');

const app = express();

app.post('/parse', (req, res) => {
  const data = JSON.parse(req.body.text, (key, value) => (key === 'include' ? fs.readFileSync(value, 'utf8') : value));
  res.json(data);
});
