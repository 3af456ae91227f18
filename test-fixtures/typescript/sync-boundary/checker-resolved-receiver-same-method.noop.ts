// fixture-options: express=5
// The type checker resolves `desk.current().text()` (a receiver the call
// graph leaves unvalued: what a project method returns) to `Note.text`
// itself. The graph has no edge for that call, so it would get a promise:
// `Note.text` stays sync with an unresolved-receiver stop. (`Tag.text`,
// another class's method of that name, is no such call.)
import express from 'express';
import * as fs from 'fs';

class Note {
  text(): string {
    return fs.readFileSync('note.txt', 'utf8');
  }
}

class Tag {
  text(): string {
    return 'tag';
  }
}

class Desk {
  note = new Note();
  tag = new Tag();

  current() {
    return this.note;
  }

  label() {
    return this.tag;
  }
}

const desk = new Desk();
const app = express();
app.get('/note', (req, res) => {
  res.send(desk.current().text() + desk.label().text());
});
app.get('/direct', (req, res) => {
  res.send(new Note().text());
});

export default app;
