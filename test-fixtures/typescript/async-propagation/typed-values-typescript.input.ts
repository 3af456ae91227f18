// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

type Loader = (key: string) => string;

interface Repo {
  find(id: string): string;
  size(): number;
}

const fromDisk: Loader = (key) => readFileSync(key, 'utf8');
const fromEnv: Loader = (key) => process.env[key] ?? '';

const repo: Repo = {
  find(id) {
    return fromDisk(`users/${id}`);
  },
  size: () => 1,
};

const app = express();
app.get('/u/:id', (req, res) => {
  res.send(repo.find(req.params.id) + fromEnv('X'));
});
