import express from 'express';
import type { Store } from '../types/store';
import { FileStore } from './store';

const store: Store = new FileStore();
const app = express();
app.get('/items/:key', (req, res) => {
  res.send(store.load(req.params.key));
});

export default app;
