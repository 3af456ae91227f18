const express = require('express');

const app = express();

app.get('/x', (req, res) => {
  const names = [];
  ['a', 'b'].forEach((name) => {
    names.push(name.toUpperCase());
  });
  res.json(names);
});
