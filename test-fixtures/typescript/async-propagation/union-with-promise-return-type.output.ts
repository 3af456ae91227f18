// fixture-options: express=5
// A return type that already allows a promise of the value
// (`string | Promise<string>`) becomes that promise (`Promise<string>`), not
// `Promise<string | Promise<string>>`, which no longer fits where the union
// is expected. With two promise members there is no one to keep: the union
// is wrapped as usual.
import express from 'express';
import { readFile } from 'fs/promises';

async function readNote(name: string): Promise<string> {
  return await readFile(name, 'utf8');
}

async function readTitle(name: string): Promise<string> {
  return await readFile(`${name}.title`, 'utf8');
}

async function readBoth(name: string): Promise<string | Promise<string> | PromiseLike<string>> {
  return await readFile(`${name}.both`, 'utf8');
}

const app = express();
app.get('/note', async (req, res) => {
  res.send((await readNote('a')) + (await readTitle('a')) + (await readBoth('a')));
});

export { app };
