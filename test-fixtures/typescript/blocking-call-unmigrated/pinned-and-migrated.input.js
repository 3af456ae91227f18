// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

class Cache {
  get size() {
    return fs.readdirSync('cache').length;
  }
}

const cache = new Cache();

app.get('/cache', (req, res) => {
  const files = fs.readdirSync('cache');
  res.json({ files, size: cache.size });
});
