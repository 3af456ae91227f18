import { Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';

@Injectable()
export class TemplatesService {
  async onModuleInit() {
    this.layout = await readFile('views/layout.html', 'utf8');
  }

  render(body) {
    return this.layout.replace('{{body}}', body);
  }
}
