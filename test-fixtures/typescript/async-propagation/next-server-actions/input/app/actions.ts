'use server';
import { readFileSync, writeFileSync } from 'node:fs';

function loadDrafts(): string[] {
  return JSON.parse(readFileSync('drafts.json', 'utf8'));
}

export async function saveDraft(text: string): Promise<void> {
  const drafts = loadDrafts();
  writeFileSync('drafts.json', JSON.stringify([...drafts, text]));
}
