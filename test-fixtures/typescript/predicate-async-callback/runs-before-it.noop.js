// fixture-options: express=5
const fs = require('fs');
const express = require('express');

const app = express();
app.get('/log', (req, res) => {
  // `audit()` runs before the callbacks today; hoisting them would change the order.
  res.json([audit(req), req.query.files.some((f) => fs.existsSync(f))]);
});

function audit(req) {
  return req.path;
}

module.exports = app;
