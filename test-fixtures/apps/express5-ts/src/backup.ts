import { gunzipSync, gzipSync } from 'node:zlib';
import type { NoteStore } from './notes/store.js';
import { HttpError, type Note } from './types.js';

interface Backup {
  format: 'notes-backup@1';
  notes: Note[];
}

export function backupNotes(store: NoteStore, owner: string): Buffer {
  const backup: Backup = { format: 'notes-backup@1', notes: store.list(owner) };
  return gzipSync(JSON.stringify(backup));
}

export function restoreNotes(store: NoteStore, owner: string, archive: Buffer): number {
  let backup: Backup;
  try {
    backup = JSON.parse(gunzipSync(archive).toString('utf8')) as Backup;
  } catch {
    throw new HttpError(400, 'not a gzipped notes backup');
  }
  if (backup.format !== 'notes-backup@1' || !Array.isArray(backup.notes)) {
    throw new HttpError(400, 'unknown backup format');
  }
  for (const note of backup.notes) {
    store.save({ ...note, owner });
  }
  return backup.notes.length;
}
