const express = require('express');

const app = express();

app.get('/upper', (req, res) => {
  res.json(['a', 'b'].map((s) => s.toUpperCase()));
});
