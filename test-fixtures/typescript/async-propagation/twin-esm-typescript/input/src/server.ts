// fixture-options: api=twin express=5
import express from 'express';
import { readConfig, Store } from './config.js';

const app = express();
const store = new Store('store.json');

app.get('/config', (req, res) => {
  res.json({ config: readConfig('app.json'), stored: store.load() });
});
