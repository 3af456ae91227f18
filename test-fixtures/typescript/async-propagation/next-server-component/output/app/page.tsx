// fixture-options: framework=next entry=all
// In a Next.js App Router project a server component may be async: `Page`
// awaits `readNotes`. The 'use client' component stays sync.
import { Label } from './ui/label';
import { readFile } from 'node:fs/promises';

async function readNotes(): Promise<string> {
  return await readFile('notes.txt', 'utf8');
}

export default async function Page() {
  return (
    <main>
      <Label text={await readNotes()} />
    </main>
  );
}
