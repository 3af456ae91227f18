// fixture-options: express=5 entry=all
import express from 'express';
import fs from 'node:fs';

const onWindows = process.platform === 'win32';
let warmedUp = false;

function carefulRealpath(file: string): string {
  if (!warmedUp) warmedUp = true;
  return fs.realpathSync(file);
}

function mappedRealpath(file: string): string {
  return fs.realpathSync(file).replace(/^\\\\/, '');
}

// Chosen at run time: calls through `resolveReal` may be either function.
export let resolveReal: typeof carefulRealpath | typeof fs.realpathSync.native = onWindows
  ? carefulRealpath
  : fs.realpathSync.native;

export function remap(): void {
  resolveReal = mappedRealpath;
}

const app = express();
app.get('/real', (req, res) => {
  res.send(resolveReal(String(req.query.file)));
});

export default app;
