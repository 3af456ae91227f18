import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

@Injectable()
export class UsersService {
  private readonly seed: string;

  constructor() {
    this.seed = readFileSync('seed.json', 'utf8');
  }

  async find(id: string): Promise<{ id: string }> {
    return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
  }
}
