import { readFile } from 'node:fs/promises';

export const handler = async (event) => ({ statusCode: 200, body: await readFile('t.html', 'utf8') });
