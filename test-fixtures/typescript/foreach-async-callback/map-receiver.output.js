// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

app.get('/dump', async (req, res) => {
  const files = new Map([['a', 'a.txt'], ['b', 'b.txt']]);
  let out = '';
  for (const [key, file] of files) {
    out += `${key}=${await readFile(file, 'utf8')}\n`;
  }
  res.type('text').send(out);
});
