// fixture-options: express=5
import express from 'express';
import { readFile } from 'node:fs/promises';

interface Settings {
  theme: string;
}

async function loadSettings(): Promise<Settings> {
  return JSON.parse(await readFile('settings.json', 'utf8')) as Settings;
}

async function theme(): Promise<string> {
  return (await loadSettings()).theme;
}

async function logTheme(): Promise<void> {
  console.log(await theme());
}

async function already(): Promise<string> {
  return 'x';
}

const app = express();
app.get('/theme', async (req, res) => {
  await logTheme();
  await already();
  res.send(await theme());
});
