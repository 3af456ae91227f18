import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class InitService implements OnModuleInit {
  private data: string;

  constructor() {
    this.data = readFileSync('data.txt', 'utf8');
  }

  onModuleInit(): void {
    // Runs after the constructor's reads, as before.
    console.log(this.data.length);
  }
}
