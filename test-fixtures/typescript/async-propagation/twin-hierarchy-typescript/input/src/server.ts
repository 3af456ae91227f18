// fixture-options: api=twin express=5
import express from 'express';
import type { Source } from './source.js';
import { MemorySource, TrimmedFileSource } from './sources.js';

export function render(source: Source, key: string): string {
  return `<main>${source.read(key)}</main>`;
}

// Built once at startup: keeps the sync forms.
const fallback = render(new MemorySource({ home: 'Welcome' }), 'home');
const source: Source = new TrimmedFileSource();

const app = express();
app.get('/:key', (req, res) => {
  res.send(render(source, req.params.key) || fallback);
});
