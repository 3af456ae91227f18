'use client';
import { readFileSync } from 'node:fs';

// A client component renders synchronously in the browser: it never becomes async.
export function Motd() {
  return <p>{readFileSync('motd.txt', 'utf8')}</p>;
}
