// fixture-options: express=5
import express, { Request, Response } from "express";
import low from "lowdb";
import FileSync from "lowdb/adapters/FileSync";
import FileAsync from "lowdb/adapters/FileAsync";

interface Schema {
  notes: { id: string; text: string }[];
}

const databaseFile = "data/notes.json";
const adapter = new FileSync<Schema>(databaseFile);
// From here on lowdb writes through FileAsync's writer (one write at a time, the latest state last); start-up code above keeps FileSync.
const adapterWriter = new FileAsync<Schema>(databaseFile);
adapter.write = (state) => adapterWriter.write(state);
const db = low(adapter);

export const saveNote = async (note: { id: string; text: string }) => {
  await db.get("notes").push(note).write();
  return note;
};

export const removeNote = async (id: string) => {
  await db.get("notes").remove({ id }).write();
};

const router = express.Router();

router.post("/notes", async (req: Request, res: Response) => {
  res.status(201).json(await saveNote(req.body));
});

router.delete("/notes/:id", async (req: Request, res: Response) => {
  await removeNote(req.params.id);
  res.sendStatus(204);
});

export default router;
