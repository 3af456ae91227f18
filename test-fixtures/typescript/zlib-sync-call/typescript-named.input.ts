// fixture-options: express=5
import express from 'express';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';

const app = express();

app.post('/ingest', express.raw({ type: '*/*' }), (req, res) => {
  const encoding = req.get('content-encoding');
  const body: Buffer = encoding === 'br' ? brotliDecompressSync(req.body) : gunzipSync(req.body);
  res.json({ bytes: body.length, promisified: typeof promisify });
});

export default app;
