import { readFile } from 'node:fs/promises';

export default async function readTemplate(file: string): Promise<string> {
  return await readFile(file, 'utf8');
}
