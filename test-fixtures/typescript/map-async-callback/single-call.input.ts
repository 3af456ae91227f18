// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

const app = express();

function readDoc(id: string): string {
  return readFileSync(`docs/${id}.md`, 'utf8');
}

app.get('/docs', (req, res) => {
  const ids = ['intro', 'usage'];
  const docs = ids.map((id) => readDoc(id));
  res.json(docs);
});
