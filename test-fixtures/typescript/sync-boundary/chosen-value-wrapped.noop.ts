// fixture-options: express=5 entry=all
import express from 'express';
import fs from 'node:fs';

type Reader = (file: string) => string;

function readConfig(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function readSecret(file: string): string {
  return fs.readFileSync(file, 'utf8').trim();
}

function readNotes(file: string): string {
  return fs.readFileSync(file, 'latin1');
}

const verbose = process.env.VERBOSE === '1';
// Parentheses, `as`, `satisfies` and `!` around the choice, and a comma expression.
const configReader = ((verbose ? readConfig : fs.readFileSync) as Reader)!;
const secretReader = (verbose ? readSecret : null) satisfies Reader | null;
const notesReader: Reader = (console.log('notes'), readNotes);

const app = express();
app.get('/config', (req, res) => {
  res.send(configReader(String(req.query.file)));
});
app.get('/secret', (req, res) => {
  res.send(secretReader ? secretReader(String(req.query.file)) : '');
});
app.get('/notes', (req, res) => {
  res.send(notesReader(String(req.query.file)));
});

// Exported: calls elsewhere are not seen.
export { configReader, notesReader };
export default app;
