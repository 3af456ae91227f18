// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

const app = express();
app.get('/pages', (req, res) => {
  const names = ['home', 'about'];
  const pages = names.map((name) => {
    const text = fs.readFileSync(`pages/${name}.md`, 'utf8');
    console.log(`read ${name}`);
    return text;
  });
  res.json(pages);
});

module.exports = app;
