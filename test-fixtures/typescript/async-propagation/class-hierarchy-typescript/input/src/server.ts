import express from 'express';
import { FileRepo, loadUser } from './repo.js';

const app = express();
const repo = new FileRepo();

app.get('/users/:id', (req, res) => {
  res.json(loadUser(repo, req.params.id));
});
