// fixture-options: express=5
const express = require('express');

// Nothing in the callbacks blocks: nothing to change.
const app = express();
app.get('/names', (req, res) => {
  res.json(req.query.names.filter((n) => n.startsWith('a')).some((n) => n.length > 3));
});

module.exports = app;
