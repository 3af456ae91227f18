import type { ImportRequest } from './types.js';

/** One request per (module, kind, name, local): several findings may ask for the same import. */
export function dedupeImports(requests: readonly ImportRequest[]): ImportRequest[] {
  const seen = new Map<string, ImportRequest>();
  for (const r of requests) {
    const key = `${r.module}\0${r.kind}\0${r.name ?? ''}\0${r.local}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}
