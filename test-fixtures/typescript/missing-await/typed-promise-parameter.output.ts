// fixture-options: express=5
// The callee's declared parameter says whether it takes the promise: a
// `Promise` parameter is handed the promise on purpose (no finding), a
// `string` one wants the value (the await is added).
import express from 'express';
import { readFile } from 'fs/promises';

interface Tracker {
  track(work: Promise<string> | string): void;
  label(text: string): void;
}

async function loadTitle(id: string): Promise<string> {
  return readFile(`titles/${id}.txt`, 'utf8');
}

export async function record(tracker: Tracker, id: string): Promise<void> {
  tracker.track(loadTitle(id));
  // What an interrupted run leaves: loadTitle became async, this call was not rewritten.
  tracker.label(await loadTitle(id));
}

export const app = express();
app.get('/titles/:id', async (req, res) => {
  res.send(await loadTitle(req.params.id));
});
