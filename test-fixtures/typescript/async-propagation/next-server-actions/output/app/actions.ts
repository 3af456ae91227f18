'use server';
import { readFile, writeFile } from 'node:fs/promises';

async function loadDrafts(): Promise<string[]> {
  return JSON.parse(await readFile('drafts.json', 'utf8'));
}

export async function saveDraft(text: string): Promise<void> {
  const drafts = await loadDrafts();
  await writeFile('drafts.json', JSON.stringify([...drafts, text]));
}
