import { readFileSync } from 'node:fs';
import type { Source } from './source.js';
import { readFile } from 'node:fs/promises';

export abstract class BaseSource implements Source {
  abstract name: string;
  abstract read(key: string): string;
  abstract readAsync(key: string): Promise<string>;

  describe(): string {
    return `${this.name} source`;
  }
}

export class FileSource extends BaseSource {
  name = 'file';

  override read(key: string): string {
    return readFileSync(`templates/${key}`, 'utf8');
  }

  override async readAsync(key: string): Promise<string> {
    return await readFile(`templates/${key}`, 'utf8');
  }
}

export class TrimmedFileSource extends FileSource {
  override read(key: string): string {
    return super.read(key).trim();
  }

  override async readAsync(key: string): Promise<string> {
    return (await super.readAsync(key)).trim();
  }
}

export class MemorySource implements Source {
  name = 'memory';
  constructor(private readonly items: Record<string, string>) {}

  read(key: string): string {
    return this.items[key] ?? '';
  }

  async readAsync(key: string): Promise<string> {
    return this.items[key] ?? '';
  }
}
