// fixture-options: paths=src
// Run on src/ only: the interface FileStore implements is in types/, outside
// the paths, and its signature cannot become Promise<string>; so load keeps
// its sync form and nothing changes.
import fs from 'fs';
import type { Store } from '../types/store';

export class FileStore implements Store {
  load(key: string): string {
    return fs.readFileSync(`data/${key}.txt`, 'utf8');
  }
}
