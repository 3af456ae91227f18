// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

app.get('/dump', (req, res) => {
  const files = new Map([['a', 'a.txt'], ['b', 'b.txt']]);
  let out = '';
  files.forEach((file, key) => {
    out += `${key}=${fs.readFileSync(file, 'utf8')}\n`;
  });
  res.type('text').send(out);
});
