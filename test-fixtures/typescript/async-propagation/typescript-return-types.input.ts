// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

interface Settings {
  theme: string;
}

function loadSettings(): Settings {
  return JSON.parse(readFileSync('settings.json', 'utf8')) as Settings;
}

function theme(): string {
  return loadSettings().theme;
}

function logTheme(): void {
  console.log(theme());
}

async function already(): Promise<string> {
  return 'x';
}

const app = express();
app.get('/theme', (req, res) => {
  logTheme();
  already();
  res.send(theme());
});
