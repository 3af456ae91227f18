// fixture-options: express=5
import express from 'express';
import { readFileSync } from 'node:fs';

abstract class Source {
  abstract read(): string;

  // A getter cannot await: every implementation of read() stays sync with it.
  get preview(): string {
    return this.read().slice(0, 10);
  }
}

class FileSource extends Source {
  read(): string {
    return readFileSync('data.txt', 'utf8');
  }
}

const app = express();
app.get('/preview', (req, res) => {
  res.send(new FileSource().read());
});
