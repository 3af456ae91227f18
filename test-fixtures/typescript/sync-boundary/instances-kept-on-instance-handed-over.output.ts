// fixture-options: express=5
// Instances kept on an object (`this.cards.push(card)`, `this.current =
// badge`, `this.slots.set('main', slot)`) in one method and read back in
// another (`for (const c of this.cards) board.pin(c)`,
// `board.pin(this.slots.get('main'))`) or by code that holds the object
// (`board.pin(w.current)`): the library receives the instance and may call
// its methods, so they keep their sync form. One kept deeper than awaitify
// follows (`this.state.tags.push(tag)`) is taken as handed over too. A
// private collection read back only into project code
// (`this.notes.forEach((n) => tally(n))`) hands nothing over: `Note.text`
// becomes async.
import express from 'express';
import * as fs from 'fs';
import * as board from 'pinboard';
import { readFile } from 'fs/promises';

class Card {
  caption(): string {
    return fs.readFileSync('card.txt', 'utf8');
  }
}

class Badge {
  caption(): string {
    return fs.readFileSync('badge.txt', 'utf8');
  }
}

class Slot {
  caption(): string {
    return fs.readFileSync('slot.txt', 'utf8');
  }
}

class Tag {
  caption(): string {
    return fs.readFileSync('tag.txt', 'utf8');
  }
}

class Note {
  async text(): Promise<string> {
    return await readFile('note.txt', 'utf8');
  }
}

function tally(note: Note): number {
  return note === undefined ? 0 : 1;
}

class Wall {
  current?: Badge;
  private cards: Card[] = [];
  private slots = new Map<string, Slot>();
  private notes: Note[] = [];
  private state = { tags: [] as Tag[] };

  collect(): void {
    const card = new Card();
    this.cards.push(card);
    this.current = new Badge();
    this.slots.set('main', new Slot());
    this.notes.push(new Note());
    const tag = new Tag();
    this.state.tags.push(tag);
  }

  show(): number {
    for (const c of this.cards) board.pin(c);
    board.pin(this.slots.get('main'));
    let count = 0;
    this.notes.forEach((n) => {
      count += tally(n);
    });
    return count + this.cards.length;
  }
}

function hang(w: any): void {
  board.pin(w.current);
}

const app = express();
app.get('/wall', async (req, res) => {
  const wall = new Wall();
  wall.collect();
  hang(wall);
  res.send(String(wall.show()) + new Card().caption() + new Badge().caption() + new Slot().caption() + new Tag().caption() + (await new Note().text()));
});

export { app };
