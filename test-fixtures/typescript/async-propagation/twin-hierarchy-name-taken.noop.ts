// fixture-options: api=twin express=5
import express from 'express';
import { readFileSync } from 'node:fs';

interface Store {
  read(key: string): string;
  // Taken by something else: the group cannot gain a twin of that name.
  readAsync(key: string): Promise<number>;
}

class FileStore implements Store {
  read(key: string): string {
    return readFileSync(key, 'utf8');
  }

  async readAsync(key: string): Promise<number> {
    return key.length;
  }
}

const store: Store = new FileStore();
export const banner = store.read('banner.txt');

const app = express();
app.get('/:key', (req, res) => {
  res.send(store.read(req.params.key));
});
