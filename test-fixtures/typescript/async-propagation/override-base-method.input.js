// fixture-options: express=5
const express = require('express');
const fs = require('fs');

class Store {
  load(key) {
    return this.cache?.[key];
  }
}

class FileStore extends Store {
  load(key) {
    return fs.readFileSync(`data/${key}.json`, 'utf8');
  }
}

const app = express();
app.get('/items/:key', (req, res) => {
  const store = req.query.file ? new FileStore() : new Store();
  res.send(store.load(req.params.key));
});
