import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';

@Injectable()
export class InitService implements OnModuleInit {
  private data!: string;

  private async initFromConstructor(): Promise<void> {
    this.data = await readFile('data.txt', 'utf8');
  }

  async onModuleInit(): Promise<void> {
    await this.initFromConstructor();
    // Runs after the constructor's reads, as before.
    console.log(this.data.length);
  }
}
