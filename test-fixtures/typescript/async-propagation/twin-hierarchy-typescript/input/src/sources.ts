import { readFileSync } from 'node:fs';
import type { Source } from './source.js';

export abstract class BaseSource implements Source {
  abstract name: string;
  abstract read(key: string): string;

  describe(): string {
    return `${this.name} source`;
  }
}

export class FileSource extends BaseSource {
  name = 'file';

  override read(key: string): string {
    return readFileSync(`templates/${key}`, 'utf8');
  }
}

export class TrimmedFileSource extends FileSource {
  override read(key: string): string {
    return super.read(key).trim();
  }
}

export class MemorySource implements Source {
  name = 'memory';
  constructor(private readonly items: Record<string, string>) {}

  read(key: string): string {
    return this.items[key] ?? '';
  }
}
