// A function applied as Nest middleware; this file does not import Nest.
import * as fs from 'fs';

export function stamp(req: any, res: any, next: () => void) {
  res.setHeader('x-version', fs.readFileSync('VERSION', 'utf8'));
  next();
}
