// fixture-options: express=5
import express from 'express';
import { randomInt, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

const app = express();

app.post('/keys', async (req, res) => {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const pin: number = await promisify<number, number, number>(randomInt)(1000, 10000);
  res.json({ publicKey, privateKey, pin });
});

export default app;
