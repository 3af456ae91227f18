import express from 'express';
import { FileRepo, loadUser } from './repo.js';

const app = express();
const repo = new FileRepo();

app.get('/users/:id', async (req, res) => {
  res.json(await loadUser(repo, req.params.id));
});
