// fixture-options: express=5 entry=all
import express from 'express';
import fs from 'node:fs';

function readDeep(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function readEntry(file: string): string {
  return fs.readFileSync(file, 'latin1');
}

function statFile(file: string): number {
  return fs.statSync(file).size;
}

const app = express();
app.get('/read', (req, res) => {
  const deep = req.query.deep === '1';
  // Every use of `read` is a call: both functions it may be are awaited there.
  const read = deep ? readDeep : readEntry;
  res.send(read(String(req.query.file)));
});
app.get('/size', (req, res) => {
  // Called where chosen; the other value is a package function (awaiting its number is harmless).
  res.send(String((req.query.native ? fs.statSync : statFile)(String(req.query.file))));
});

export default app;
