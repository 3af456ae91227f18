import express from 'express';
import { Note, Shelf } from './models';

const shelf = new Shelf();

function tagText(): string {
  const tag = shelf.label();
  return tag.text();
}

const app = express();
app.get('/note', (req, res) => {
  const note = new Note();
  shelf.front().file(note);
  res.send(note.text() + tagText());
});

export default app;
