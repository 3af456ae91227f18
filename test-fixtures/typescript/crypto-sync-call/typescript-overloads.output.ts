// fixture-options: express=5
import express from 'express';
import { timingSafeEqual, randomFill, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const app = express();
const pepper = Buffer.from(process.env.PEPPER ?? 'pepper');

app.post('/verify', express.json(), async (req, res) => {
  const nonce = Buffer.alloc(16);
  await promisify(randomFill)(nonce);
  const hash = (await promisify(scrypt)(req.body.password, pepper, 32)) as Buffer;
  res.json({ ok: timingSafeEqual(hash, Buffer.from(req.body.hash, 'hex')), nonce: nonce.toString('hex') });
});

export default app;
