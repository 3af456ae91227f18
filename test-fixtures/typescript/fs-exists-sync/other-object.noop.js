// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const bucket = require('./bucket');

const app = express();

app.head('/objects/:key', (req, res) => {
  res.sendStatus(bucket.existsSync(req.params.key) ? 200 : 404);
});

module.exports = { app, fs };
