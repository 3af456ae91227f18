import * as path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { currentUser, requireUser } from './auth.js';
import { backupNotes, restoreNotes } from './backup.js';
import { dataDir } from './config.js';
import { FileNoteStore, type NoteStore } from './notes/store.js';
import { notesRouter } from './notes/router.js';
import { HttpError, type Role } from './types.js';
import { topWords } from './text-stats.js';
import { createUser, loadUser, toPublic } from './users.js';

export interface AppOptions {
  store?: NoteStore;
}

const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const status = err instanceof HttpError ? err.status : typeof err?.status === 'number' ? (err.status as number) : 500;
  res.status(status).json({ error: status >= 500 ? 'internal error' : (err as Error).message });
};

export function createApp(options: AppOptions = {}): Express {
  const store = options.store ?? new FileNoteStore(path.join(dataDir(), 'notes'));
  const app = express();
  app.use(express.json());

  app.post('/users', (req, res) => {
    const { name, secret, role } = (req.body ?? {}) as { name?: unknown; secret?: unknown; role?: Role };
    if (typeof name !== 'string' || typeof secret !== 'string') {
      throw new HttpError(400, 'name and secret are required');
    }
    res.status(201).json(createUser(name, secret, role === 'admin' ? 'admin' : 'member'));
  });

  app.get('/users/:id', (req, res) => {
    res.json(toPublic(loadUser(req.params.id)));
  });

  app.post('/stats/words', (req, res) => {
    const { text, limit } = (req.body ?? {}) as { text?: unknown; limit?: unknown };
    if (typeof text !== 'string') throw new HttpError(400, 'text is required');
    res.json(topWords(text, Number(limit) || 10));
  });

  app.use('/notes', notesRouter(store));

  app.get('/backup', requireUser, (req, res) => {
    res.type('application/gzip').send(backupNotes(store, currentUser(res).id));
  });

  app.post('/restore', requireUser, express.raw({ type: 'application/gzip' }), (req, res) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError(415, 'send the backup as application/gzip');
    }
    res.json({ restored: restoreNotes(store, currentUser(res).id, req.body) });
  });

  app.use(errorHandler);
  return app;
}
