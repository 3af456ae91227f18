// A function applied as Nest middleware; this file does not import Nest.
import { readFile } from 'fs/promises';

export async function stamp(req: any, res: any, next: () => void) {
  res.setHeader('x-version', await readFile('VERSION', 'utf8'));
  next();
}
