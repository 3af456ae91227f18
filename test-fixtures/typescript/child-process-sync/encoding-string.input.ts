// fixture-options: express=5
import express from 'express';
import * as childProcess from 'node:child_process';

const app = express();

app.get('/disk', (req, res) => {
  const report: string = childProcess.execFileSync('df', ['-h', '/'], { encoding: 'utf8' });
  childProcess.execSync('sync');
  res.type('text/plain').send(report);
});

export default app;
