import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class UsersService {
  private readonly seed: string;

  constructor() {
    this.seed = readFileSync('seed.json', 'utf8');
  }

  find(id: string): { id: string } {
    return JSON.parse(readFileSync(`users/${id}.json`, 'utf8'));
  }
}
