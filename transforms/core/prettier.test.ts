import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepPrettierFormat } from './prettier.js';

// A stand-in for the project's prettier: "formatted" means every line ends with `;`.
const FAKE_PRETTIER = `
const fmt = (t) => t.split('\\n').map((l) => (l && !l.endsWith(';') ? l + ';' : l)).join('\\n');
module.exports = {
  resolveConfig: async (file) => (require('fs').existsSync(require('path').join(require('path').dirname(file), '.prettierrc')) ? { semi: true } : null),
  check: async (text) => fmt(text) === text,
  format: async (text) => fmt(text),
};
`;

function project(withConfig: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'awaitify-prettier-'));
  mkdirSync(path.join(dir, 'node_modules', 'prettier'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'prettier', 'index.js'), FAKE_PRETTIER);
  if (withConfig) writeFileSync(path.join(dir, '.prettierrc'), '{}');
  return dir;
}

describe('keepPrettierFormat', () => {
  it("formats the migrated text with the project's prettier when the file was prettier-clean", async () => {
    const file = path.join(project(true), 'app.js');
    expect(await keepPrettierFormat(file, 'a();\nb();\n', 'a();\nawait b()\n')).toBe('a();\nawait b();\n');
  });

  it('keeps the text of a file that was not prettier-clean', async () => {
    const file = path.join(project(true), 'app.js');
    expect(await keepPrettierFormat(file, 'a()\nb();\n', 'a()\nawait b()\n')).toBe('a()\nawait b()\n');
  });

  it('keeps the text in a project without a prettier config, and for files prettier does not format', async () => {
    expect(await keepPrettierFormat(path.join(project(false), 'app.js'), 'a();\n', 'await a()\n')).toBe('await a()\n');
    expect(await keepPrettierFormat(path.join(project(true), 'views.py'), 'a()\n', 'await a()\n')).toBe('await a()\n');
  });
});
