// fixture-options: express=5
import express from 'express';
import { readFile } from 'node:fs/promises';

type Loader = (key: string) => Promise<string>;

interface Repo {
  find(id: string): Promise<string>;
  size(): number;
}

const fromDisk: Loader = async (key) => await readFile(key, 'utf8');
const fromEnv: Loader = async (key) => process.env[key] ?? '';

const repo: Repo = {
  async find(id) {
    return await fromDisk(`users/${id}`);
  },
  size: () => 1,
};

const app = express();
app.get('/u/:id', async (req, res) => {
  res.send((await repo.find(req.params.id)) + (await fromEnv('X')));
});
