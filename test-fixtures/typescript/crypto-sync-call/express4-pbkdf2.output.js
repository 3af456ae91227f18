const express = require('express');
const { pbkdf2 } = require('node:crypto');
const { promisify } = require('node:util');

const app = express();

app.post('/derive', express.json(), async (req, res, next) => {
  try {
    const key = await promisify(pbkdf2)(req.body.secret, 'awaitify-salt', 100000, 32, 'sha256');
    res.json({ key: key.toString('base64') });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
