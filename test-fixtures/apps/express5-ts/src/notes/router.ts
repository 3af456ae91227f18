import { Router } from 'express';
import { currentUser, requireUser } from '../auth.js';
import { newId } from '../security.js';
import { HttpError, type Note } from '../types.js';
import type { NoteStore } from './store.js';

interface NoteSummary extends Note {
  bytes: number;
}

function summarize(store: NoteStore, note: Note): NoteSummary {
  return { ...note, bytes: store.sizeOf(note.id) };
}

export function notesRouter(store: NoteStore): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/', (req, res) => {
    const notes = store.list(currentUser(res).id);
    res.json(notes.map((note) => summarize(store, note)));
  });

  router.post('/', (req, res) => {
    const { title, body } = (req.body ?? {}) as Partial<Note>;
    if (typeof title !== 'string' || title.trim() === '') {
      throw new HttpError(400, 'title is required');
    }
    const note: Note = {
      id: newId(),
      owner: currentUser(res).id,
      title: title.trim(),
      body: typeof body === 'string' ? body : '',
      createdAt: new Date().toISOString(),
    };
    res.status(201).json(store.save(note));
  });

  router.get('/:id', (req, res) => {
    const note = store.get(req.params.id);
    if (note.owner !== currentUser(res).id) {
      throw new HttpError(404, `note ${req.params.id} not found`);
    }
    res.json(note);
  });

  return router;
}
