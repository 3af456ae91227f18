// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

class SessionStore {
  private sessions = new Map<string, { user: string }>();

  load(id: string): { user: string } {
    if (!this.sessions.has(id)) {
      const saved = readFileSync(`sessions/${id}.json`, 'utf8');
      this.sessions.set(id, JSON.parse(saved));
    }
    return this.sessions.get(id)!;
  }
}

const store = new SessionStore();
export const app = express();
app.get('/me/:sid', (req, res) => {
  res.json(store.load(req.params.sid));
});
