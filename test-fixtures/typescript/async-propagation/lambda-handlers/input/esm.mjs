import { readFileSync } from 'node:fs';

export const handler = (event) => ({ statusCode: 200, body: readFileSync('t.html', 'utf8') });
