'use client';
import { readFileSync } from 'node:fs';

export function Label({ text }: { text: string }) {
  return <span title={readFileSync('title.txt', 'utf8')}>{text}</span>;
}
