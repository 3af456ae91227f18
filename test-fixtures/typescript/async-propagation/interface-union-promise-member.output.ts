// Contracts whose members already allow a promise of their value
// (`string | Promise<string>`, `Promise<string> | string`, `PromiseLike<string> | string`)
// stay as they are when an implementation becomes async: the promise it now
// returns fits them already. A member returning a plain `string` is wrapped.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

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
  footer(name: string): Promise<string>;
}

class DiskNotes implements NoteStore, TitleSource, Summary, Footer {
  async read(name: string) {
    return await readFile(`${name}.txt`, 'utf8');
  }

  async title(name: string) {
    return await readFile(`${name}.title`, 'utf8');
  }

  lead = async (name: string) => await readFile(`${name}.lead`, 'utf8');

  async footer(name: string) {
    return await readFile(`${name}.footer`, 'utf8');
  }
}

const notes = new DiskNotes();

export const server = createServer(async (req, res) => {
  const name = req.url ?? 'index';
  res.end((await notes.read(name)) + (await notes.title(name)) + (await notes.lead(name)) + (await notes.footer(name)));
});
