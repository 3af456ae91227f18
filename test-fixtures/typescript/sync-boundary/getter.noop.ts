import express from 'express';
import { readFileSync } from 'node:fs';

class Template {
  constructor(private readonly file: string) {}

  get text(): string {
    return this.read();
  }

  read(): string {
    return readFileSync(this.file, 'utf8');
  }
}

const app = express();
const page = new Template('page.html');
app.get('/', (req, res) => res.send(page.read()));
