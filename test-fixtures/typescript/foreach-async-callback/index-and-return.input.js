// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

app.post('/import', (req, res) => {
  const files = fs.readdirSync('uploads');
  const report = [];
  files.forEach((name, index) => {
    if (name.startsWith('.')) return;
    const text = fs.readFileSync(`uploads/${name}`, 'utf8');
    report.push(`${index}: ${text.length}`);
  });
  res.json(report);
});
