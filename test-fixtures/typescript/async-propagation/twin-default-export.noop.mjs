// fixture-options: api=twin express=5
import express from 'express';
import { readFileSync } from 'node:fs';

function readConfig(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// The module's default export is the function itself: there is no room for a twin.
export { readConfig as default };

export class Settings {
  constructor() {
    this.values = readConfig('defaults.json');
  }
}

const app = express();
app.get('/config', (req, res) => {
  res.json(readConfig('app.json'));
});
