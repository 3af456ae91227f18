import { readFileSync } from 'node:fs';

export default function readTemplate(file: string): string {
  return readFileSync(file, 'utf8');
}
