// fixture-options: express=5
const fs = require('fs');
const express = require('express');

const app = express();
app.get('/pick', (req, res) => {
  // The filter runs only when the flag is set: hoisting it would run the callbacks every time.
  const files = req.query.all ? req.query.files : req.query.files.filter((f) => fs.existsSync(f));
  res.json(files);
});

module.exports = app;
