import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class FlagService {
  private flags: string;

  constructor() {
    this.flags = readFileSync('flags.txt', 'utf8');
  }

  // Returns a value: awaiting the moved statements first would change what callers get.
  onModuleInit(): boolean {
    return this.flags.length > 0;
  }
}
