import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';

@Injectable()
export class DoneService implements OnModuleInit {
  private data!: string;

  constructor(private readonly path: string) {
    this.data = '';
  }

  async onModuleInit(): Promise<void> {
    this.data = await readFile(this.path, 'utf8');
  }
}
