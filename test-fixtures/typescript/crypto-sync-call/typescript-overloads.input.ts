// fixture-options: express=5
import express from 'express';
import { randomFillSync, scryptSync, timingSafeEqual } from 'node:crypto';

const app = express();
const pepper = Buffer.from(process.env.PEPPER ?? 'pepper');

app.post('/verify', express.json(), (req, res) => {
  const nonce = Buffer.alloc(16);
  randomFillSync(nonce);
  const hash = scryptSync(req.body.password, pepper, 32);
  res.json({ ok: timingSafeEqual(hash, Buffer.from(req.body.hash, 'hex')), nonce: nonce.toString('hex') });
});

export default app;
