// fixture-options: express=5
import express from 'express';
import { stat } from 'node:fs/promises';

const app = express();

async function sizeOf(file: string): Promise<number> {
  return (await stat(file)).size;
}

app.get('/sizes', async (req, res) => {
  const sizes: Record<string, number> = {};
  const files: string[] = ['a.txt', 'b.txt'];
  for (const file of files) {
    sizes[file] = await sizeOf(file);
  }
  res.json(sizes);
});
