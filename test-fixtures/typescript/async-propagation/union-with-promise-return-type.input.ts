// fixture-options: express=5
// A return type that already allows a promise of the value
// (`string | Promise<string>`) becomes that promise (`Promise<string>`), not
// `Promise<string | Promise<string>>`, which no longer fits where the union
// is expected. With two promise members there is no one to keep: the union
// is wrapped as usual.
import express from 'express';
import * as fs from 'fs';

function readNote(name: string): string | Promise<string> {
  return fs.readFileSync(name, 'utf8');
}

function readTitle(name: string): (Promise<string> | string) {
  return fs.readFileSync(`${name}.title`, 'utf8');
}

function readBoth(name: string): string | Promise<string> | PromiseLike<string> {
  return fs.readFileSync(`${name}.both`, 'utf8');
}

const app = express();
app.get('/note', async (req, res) => {
  res.send((await readNote('a')) + (await readTitle('a')) + (await readBoth('a')));
});

export { app };
