// fixture-options: express=5
const express = require('express');
const { readdir, readFile } = require('fs/promises');

const app = express();

app.post('/import', async (req, res) => {
  const files = await readdir('uploads');
  const report = [];
  for (const [index, name] of files.entries()) {
    if (name.startsWith('.')) continue;
    const text = await readFile(`uploads/${name}`, 'utf8');
    report.push(`${index}: ${text.length}`);
  }
  res.json(report);
});
