import { Injectable } from '@nestjs/common';
import fs from 'node:fs';

@Injectable()
export class TemplatesService {
  constructor() {
    this.layout = fs.readFileSync('views/layout.html', 'utf8');
  }

  render(body) {
    return this.layout.replace('{{body}}', body);
  }
}
