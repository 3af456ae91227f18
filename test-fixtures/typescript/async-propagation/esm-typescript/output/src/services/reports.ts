import { join } from 'node:path';
import readTemplate from './template.js';

export class ReportService {
  constructor(private readonly dir: string) {}

  async render(name: string): Promise<string> {
    const template = await this.template(name);
    return template.replace('{{name}}', name);
  }

  private async template(name: string): Promise<string> {
    return await readTemplate(join(this.dir, `${name}.tpl`));
  }
}
