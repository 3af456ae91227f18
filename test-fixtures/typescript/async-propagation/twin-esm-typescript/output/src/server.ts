// fixture-options: api=twin express=5
import express from 'express';
import { Store, readConfigAsync } from './config.js';

const app = express();
const store = new Store('store.json');

app.get('/config', async (req, res) => {
  res.json({ config: await readConfigAsync('app.json'), stored: await store.loadAsync() });
});
