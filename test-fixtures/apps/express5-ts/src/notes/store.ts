import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { checkId, readJson, writeJson } from '../storage.js';
import type { Note } from '../types.js';

export interface NoteStore {
  get(id: string): Note;
  list(owner?: string): Note[];
  save(note: Note): Note;
  sizeOf(id: string): number;
}

/** One JSON file per note. */
export class FileNoteStore implements NoteStore {
  constructor(private readonly dir: string) {}

  private file(id: string): string {
    return path.join(this.dir, `${checkId(id)}.json`);
  }

  get(id: string): Note {
    return readJson<Note>(this.file(id), `note ${id}`);
  }

  list(owner?: string): Note[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const notes = names.filter((name) => name.endsWith('.json')).map((name) => this.get(path.basename(name, '.json')));
    return notes
      .filter((note) => owner === undefined || note.owner === owner)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  save(note: Note): Note {
    writeJson(this.file(note.id), note);
    return note;
  }

  sizeOf(id: string): number {
    return statSync(this.file(id)).size;
  }
}
