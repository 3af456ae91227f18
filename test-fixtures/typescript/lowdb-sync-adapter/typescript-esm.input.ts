// fixture-options: express=5
import express, { Request, Response } from "express";
import low from "lowdb";
import FileSync from "lowdb/adapters/FileSync";

interface Schema {
  notes: { id: string; text: string }[];
}

const databaseFile = "data/notes.json";
const adapter = new FileSync<Schema>(databaseFile);
const db = low(adapter);

export const saveNote = (note: { id: string; text: string }) => {
  db.get("notes").push(note).write();
  return note;
};

export const removeNote = (id: string) => {
  db.get("notes").remove({ id }).write();
};

const router = express.Router();

router.post("/notes", (req: Request, res: Response) => {
  res.status(201).json(saveNote(req.body));
});

router.delete("/notes/:id", (req: Request, res: Response) => {
  removeNote(req.params.id);
  res.sendStatus(204);
});

export default router;
