// fixture-options: express=5 entry=all
import express from 'express';
import fs from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

async function readDeep(file: string): Promise<string> {
  return await readFile(file, 'utf8');
}

async function readEntry(file: string): Promise<string> {
  return await readFile(file, 'latin1');
}

async function statFile(file: string): Promise<number> {
  return (await stat(file)).size;
}

const app = express();
app.get('/read', async (req, res) => {
  const deep = req.query.deep === '1';
  // Every use of `read` is a call: both functions it may be are awaited there.
  const read = deep ? readDeep : readEntry;
  res.send(await read(String(req.query.file)));
});
app.get('/size', async (req, res) => {
  // Called where chosen; the other value is a package function (awaiting its number is harmless).
  res.send(String(await (req.query.native ? fs.statSync : statFile)(String(req.query.file))));
});

export default app;
