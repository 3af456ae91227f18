// fixture-options: express=5
import express from 'express';
import { generateKeyPairSync, randomInt } from 'node:crypto';

const app = express();

app.post('/keys', (req, res) => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const pin: number = randomInt(1000, 10000);
  res.json({ publicKey, privateKey, pin });
});

export default app;
