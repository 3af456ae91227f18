// fixture-options: entry=all
import { readFileSync } from 'node:fs';

export class Templates {
  constructor(private readonly dir: string) {}

  render(name: string, values: Record<string, string>): string {
    const text = readFileSync(`${this.dir}/${name}.html`, 'utf8');
    return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  }
}
