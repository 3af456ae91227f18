// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const { readdir } = require('fs/promises');

const app = express();

class Cache {
  get size() {
    return fs.readdirSync('cache').length;
  }
}

const cache = new Cache();

app.get('/cache', async (req, res) => {
  const files = await readdir('cache');
  res.json({ files, size: cache.size });
});
