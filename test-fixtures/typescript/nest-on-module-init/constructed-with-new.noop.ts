import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class FlagsService {
  private flags: string[];

  constructor() {
    this.flags = readFileSync('flags.txt', 'utf8').split('\n');
  }

  has(flag: string): boolean {
    return this.flags.includes(flag);
  }
}

// Constructed outside Nest, where onModuleInit never runs: the constructor keeps its I/O.
export const defaultFlags = new FlagsService();
