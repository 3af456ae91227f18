import fs from 'fs';

export default function handler(req, res) {
  res.status(200).json({ ready: fs.existsSync('ready') });
}
