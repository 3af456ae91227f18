import { access } from 'fs/promises';

export default async function handler(req, res) {
  res.status(200).json({ ready: await access('ready').then(() => true, () => false) });
}
