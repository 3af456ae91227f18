const express = require('express');
const { existsSync } = require('fs');

const app = express();

app.get('/health', (req, res) => {
  const ready = existsSync('/tmp/ready') ? 'ready' : 'starting';
  res.json({ status: ready });
});

module.exports = app;
