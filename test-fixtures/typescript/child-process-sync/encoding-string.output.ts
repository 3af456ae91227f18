// fixture-options: express=5
import express from 'express';
import * as childProcess from 'node:child_process';
import { promisify } from 'node:util';

const app = express();

app.get('/disk', async (req, res) => {
  const report: string = (await promisify(childProcess.execFile)('df', ['-h', '/'], { encoding: 'utf8' })).stdout;
  await promisify(childProcess.exec)('sync');
  res.type('text/plain').send(report);
});

export default app;
