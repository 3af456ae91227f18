import { join } from 'node:path';
import readTemplate from './template.js';

export class ReportService {
  constructor(private readonly dir: string) {}

  render(name: string): string {
    const template = this.template(name);
    return template.replace('{{name}}', name);
  }

  private template(name: string): string {
    return readTemplate(join(this.dir, `${name}.tpl`));
  }
}
