// fixture-options: express=5
import express from 'express';
import { readFile } from 'node:fs/promises';

class SessionStore {
  private sessions = new Map<string, { user: string }>();

  async load(id: string): Promise<{ user: string }> {
    if (!this.sessions.has(id)) {
      const saved = await readFile(`sessions/${id}.json`, 'utf8');
      this.sessions.set(id, JSON.parse(saved));
    }
    return this.sessions.get(id)!;
  }
}

const store = new SessionStore();
export const app = express();
app.get('/me/:sid', async (req, res) => {
  res.json(await store.load(req.params.sid));
});
