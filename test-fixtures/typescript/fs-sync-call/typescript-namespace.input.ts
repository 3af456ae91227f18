// fixture-options: express=5
import express, { type Request, type Response } from 'express';
import * as fs from 'fs';

interface Manifest {
  version: string;
}

const app = express();

app.get('/version', (req: Request, res: Response) => {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Manifest;
  res.send(manifest.version);
});

export default app;
