// fixture-options: express=5 node=12.20
import { promises } from 'fs';
import express from 'express';

const app = express();

app.get('/config', async (req, res) => {
  res.json(JSON.parse(await promises.readFile('config.json', 'utf8')));
});
