// fixture-options: express=5
// Calls only the type checker resolves: the receiver is what a project
// method returns (`shelf.front()`, whose return type is inferred), so the
// call graph leaves it unvalued. `Tag.text` shares its name with
// `Note.text`, and `Shelf.file` is project code that never calls the
// note's methods: `tag.text()` does not call `Note.text`, and
// `shelf.front().file(note)` hands the note to no library, so `Note.text`
// becomes async.
import { readFile } from 'fs/promises';

export class Note {
  async text(): Promise<string> {
    return await readFile('note.txt', 'utf8');
  }
}

export class Tag {
  text(): string {
    return 'tag';
  }
}

export class Shelf {
  tag = new Tag();
  filed = 0;

  front() {
    return this;
  }

  label() {
    return this.tag;
  }

  file(note: Note): void {
    this.filed += note === undefined ? 0 : 1;
  }
}
