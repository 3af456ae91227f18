export interface WordCount {
  word: string;
  count: number;
}

/** The most frequent words of a text, most frequent first: CPU-bound on long texts. */
export function topWords(text: string, limit: number): WordCount[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))
    .slice(0, limit);
}
