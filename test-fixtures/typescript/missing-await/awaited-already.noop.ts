// fixture-options: express=5
import express from 'express';
import { readFile } from 'node:fs/promises';

async function settings(): Promise<Record<string, string>> {
  return JSON.parse(await readFile('settings.json', 'utf8'));
}

async function* lines(name: string): AsyncGenerator<string> {
  for (const line of (await readFile(name, 'utf8')).split('\n')) yield line;
}

const app = express();
app.get('/settings', async (req, res) => {
  res.json(await settings());
});
app.get('/lines', async (req, res) => {
  for await (const line of lines('log.txt')) res.write(line);
  res.end();
});

export default app;
