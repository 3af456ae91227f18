// fixture-options: express=5 node=12.20
import { readFileSync } from 'fs';
import express from 'express';

const app = express();

app.get('/config', (req, res) => {
  res.json(JSON.parse(readFileSync('config.json', 'utf8')));
});
