// fixture-options: express=5
import express from 'express';
import { readFile } from 'node:fs/promises';

const app = express();

async function readDoc(id: string): Promise<string> {
  return await readFile(`docs/${id}.md`, 'utf8');
}

app.get('/docs', async (req, res) => {
  const ids = ['intro', 'usage'];
  const docs = await Promise.all(ids.map(async (id) => await readDoc(id)));
  res.json(docs);
});
