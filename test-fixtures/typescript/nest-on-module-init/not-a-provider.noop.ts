import { readFileSync } from 'node:fs';

// Not managed by Nest: nothing calls onModuleInit, so the constructor keeps its I/O.
export class PlainSettings {
  private settings: Record<string, string>;

  constructor(path: string) {
    this.settings = JSON.parse(readFileSync(path, 'utf8'));
  }
}
