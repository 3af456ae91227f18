// fixture-options: express=5
import express from 'express';
import { statSync } from 'node:fs';

const app = express();

function sizeOf(file: string): number {
  return statSync(file).size;
}

app.get('/sizes', (req, res) => {
  const sizes: Record<string, number> = {};
  const files: string[] = ['a.txt', 'b.txt'];
  files.forEach((file: string) => {
    sizes[file] = sizeOf(file);
  });
  res.json(sizes);
});
