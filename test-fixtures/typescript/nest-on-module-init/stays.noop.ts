import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class LocalsService {
  private entries: string[];

  constructor() {
    // Uses a constructor local: it cannot move.
    const dir = 'cache';
    this.entries = readFileSync(`${dir}/index.txt`, 'utf8').split('\n');
  }
}

@Injectable()
export class ReadonlyService {
  private readonly key: string;

  constructor() {
    // Only the constructor may assign a readonly property.
    this.key = readFileSync('key.pem', 'utf8');
  }
}
