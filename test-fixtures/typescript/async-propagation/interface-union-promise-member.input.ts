// Contracts whose members already allow a promise of their value
// (`string | Promise<string>`, `Promise<string> | string`, `PromiseLike<string> | string`)
// stay as they are when an implementation becomes async: the promise it now
// returns fits them already. A member returning a plain `string` is wrapped.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

interface NoteStore {
  read(name: string): string | Promise<string>;
}

type TitleSource = {
  title(name: string): (Promise<string> | string);
};

interface Summary {
  lead: (name: string) => PromiseLike<string> | string;
}

interface Footer {
  footer(name: string): string;
}

class DiskNotes implements NoteStore, TitleSource, Summary, Footer {
  read(name: string) {
    return readFileSync(`${name}.txt`, 'utf8');
  }

  title(name: string) {
    return readFileSync(`${name}.title`, 'utf8');
  }

  lead = (name: string) => readFileSync(`${name}.lead`, 'utf8');

  footer(name: string) {
    return readFileSync(`${name}.footer`, 'utf8');
  }
}

const notes = new DiskNotes();

export const server = createServer((req, res) => {
  const name = req.url ?? 'index';
  res.end(notes.read(name) + notes.title(name) + notes.lead(name) + notes.footer(name));
});
