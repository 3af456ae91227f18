// fixture-options: express=5
import express, { type Request, type Response } from 'express';
import { readFile } from 'fs/promises';

interface Manifest {
  version: string;
}

const app = express();

app.get('/version', async (req: Request, res: Response) => {
  const manifest = JSON.parse(await readFile('package.json', 'utf8')) as Manifest;
  res.send(manifest.version);
});

export default app;
