// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

class Store {
  async load(key) {
    return this.cache?.[key];
  }
}

class FileStore extends Store {
  async load(key) {
    return await readFile(`data/${key}.json`, 'utf8');
  }
}

const app = express();
app.get('/items/:key', async (req, res) => {
  const store = req.query.file ? new FileStore() : new Store();
  res.send(await store.load(req.params.key));
});
