// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

function loadConfig() {
  return JSON.parse(readFileSync('config.json', 'utf8'));
}

// A class field initialiser cannot await, even in an ES module.
class Settings {
  values = loadConfig();
}

const app = express();
app.get('/config', (req, res) => {
  res.json(loadConfig());
});
export default Settings;
