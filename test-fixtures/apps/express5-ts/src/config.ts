import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// Read on every call so each test can point the service at a fresh folder.
export function dataDir(): string {
  return process.env.NOTES_DATA_DIR ?? path.join(here, '..', '..', 'data');
}
