const express = require('express');
const fs = require('fs');

class Cache {
  get size() {
    return fs.readdirSync('cache').length;
  }
}

const cache = new Cache();
const app = express();
app.get('/cache', (req, res) => res.json({ size: cache.size }));
