// fixture-options: framework=next entry=all
// In a Next.js App Router project a server component may be async: `Page`
// awaits `readNotes`. The 'use client' component stays sync.
import { readFileSync } from 'node:fs';
import { Label } from './ui/label';

function readNotes(): string {
  return readFileSync('notes.txt', 'utf8');
}

export default function Page() {
  return (
    <main>
      <Label text={readNotes()} />
    </main>
  );
}
