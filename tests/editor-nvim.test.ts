// A real editor as the client: headless Neovim (the Debian package; scripts/test.sh
// installs it) starts `awaitify lsp`, opens a file, waits for the diagnostics,
// applies "Migrate this function and its call chain" and writes the files
// (tests/helpers/nvim-lsp.lua). The files must be what `migrate --write` writes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, editorFixtures, repo } from './helpers/lsp-client.js';

const { withMigrated, tree } = editorFixtures();

function nvimVersion(): string {
  const found = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('nvim is not installed: the editor test needs Neovim ≥ 0.7 (scripts/test.sh installs it with apt-get; or `apt-get install neovim`)');
  }
  return found.stdout.split('\n')[0];
}

interface NvimRun {
  error?: string;
  diagnostics: { lnum: number; col: number; code: string; severity: number; message: string; source: string }[];
  titles: string[];
}

function runNvim(dir: string, file: string, line: number): NvimRun {
  const out = path.join(path.dirname(dir), 'nvim-result.json');
  execFileSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', file, '-c', `luafile ${path.join(repo, 'tests/helpers/nvim-lsp.lua')}`], {
    cwd: dir,
    env: { ...process.env, AWAITIFY_CLI: cli, AWAITIFY_ROOT: dir, AWAITIFY_LINE: String(line), AWAITIFY_OUT: out },
    timeout: 240_000,
    stdio: 'ignore',
  });
  return JSON.parse(readFileSync(out, 'utf8')) as NvimRun;
}

describe('Neovim as the language client', { timeout: 300_000 }, () => {
  test('Neovim ≥ 0.7 is installed', () => {
    expect(nvimVersion()).toMatch(/^NVIM v(0\.([7-9]|\d{2,})|[1-9])/);
  });

  test('Express: diagnostics arrive, the code action applied and written equals migrate --write', () => {
    nvimVersion();
    const { dir, expected } = withMigrated('express-app');
    const run = runNvim(dir, 'src/lib/templates.js', 7);
    expect(run.error).toBeUndefined();
    expect(run.diagnostics.map((d) => `${d.lnum}:${d.col} ${d.severity} ${d.source} ${d.code} ${d.message}`)).toEqual([
      '5:0 3 awaitify async-propagation `loadTemplate` becomes async: it contains a blocking call that is rewritten to its async form. (safe)',
      '7:9 3 awaitify fs-sync-call fs.readFileSync() blocks the event loop: replaced by await readFile() from fs/promises (safe)',
      '10:0 3 awaitify async-propagation `countLines` becomes async: it awaits `loadTemplate`, which became async. (safe)',
      '11:9 3 awaitify async-propagation `loadTemplate` is async now: its call is awaited. (safe)',
    ]);
    expect(run.titles[0]).toMatch(/^awaitify: Migrate this function and its call chain /);
    expect(tree(dir)).toEqual(tree(expected));
    expect(tree(dir)).not.toEqual(tree(path.join(repo, 'test-fixtures/editor/express-app')));
  });

  test('Django: the code action on time.sleep, applied and written, equals migrate --write', () => {
    nvimVersion();
    const { dir, expected } = withMigrated('django-app');
    const run = runNvim(dir, 'notes/views.py', 12);
    expect(run.error).toBeUndefined();
    expect(run.diagnostics.map((d) => `${d.lnum}:${d.col} ${d.code}`)).toEqual(['0:0 async-propagation', '7:4 async-propagation', '8:35 async-propagation', '11:4 async-propagation', '12:4 time-sleep']);
    expect(tree(dir)).toEqual(tree(expected));
    expect(tree(dir)).not.toEqual(tree(path.join(repo, 'test-fixtures/editor/django-app')));
  });
});
