// fixture-options: express=5
import express from 'express';
import { brotliDecompress, gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const app = express();

app.post('/ingest', express.raw({ type: '*/*' }), async (req, res) => {
  const encoding = req.get('content-encoding');
  const body: Buffer = encoding === 'br' ? await promisify(brotliDecompress)(req.body) : await promisify(gunzip)(req.body);
  res.json({ bytes: body.length, promisified: typeof promisify });
});

export default app;
