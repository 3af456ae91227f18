// MigrateOptions.reuse (reuse.ts): a run that keeps the file list and the texts
// read from disk gives its adapters exactly what a run without it gives, as
// files change, appear and go on disk.
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigration } from './pipeline.js';
import { RunReuse } from './reuse.js';
import type { LanguageAdapter } from './types.js';

/** An adapter that finds nothing and records what it was given: each run's files, as `path: text`. */
function recording(seen: string[][]): LanguageAdapter {
  return {
    language: 'python',
    extensions: ['.rec'],
    rules: [],
    detectTargets: () => ({}),
    analyze: async (ctx) => {
      seen.push(ctx.files.map((f) => `${f.path}: ${f.text}`));
      return { findings: [], plan: { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [] }, failures: [] };
    },
    renderImports: () => [],
  };
}

describe('MigrateOptions.reuse', () => {
  it('gives the adapters what a run without it gives; a file added is seen once the caller says so', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-reuse-'));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    write('a.rec', 'a one\n');
    write('pkg/b.rec', 'b one\n');
    write('.gitignore', 'ignored/\n');
    write('ignored/c.rec', 'c\n');
    const reuse = new RunReuse();
    const kept: string[][] = [];
    const fresh: string[][] = [];
    const both = async (overlay: { path: string; text: string }[] = []) => {
      await runMigration({ cwd: dir, paths: ['.'], overlay, adapters: [recording(kept)], reuse });
      await runMigration({ cwd: dir, paths: ['.'], overlay, adapters: [recording(fresh)] });
      expect(kept.at(-1)).toEqual(fresh.at(-1));
      return kept.at(-1);
    };
    expect(await both()).toEqual(['a.rec: a one\n', 'pkg/b.rec: b one\n']);
    // A buffer in place of a file, then the file changed on disk (another size) with no word to the caller.
    expect(await both([{ path: 'a.rec', text: 'a buffer\n' }])).toEqual(['a.rec: a buffer\n', 'pkg/b.rec: b one\n']);
    write('pkg/b.rec', 'b two, longer\n');
    expect(await both()).toEqual(['a.rec: a one\n', 'pkg/b.rec: b two, longer\n']);
    // The same size, another mtime.
    write('pkg/b.rec', 'b three, longr\n');
    const { mtimeMs } = statSync(path.join(dir, 'pkg/b.rec'));
    utimesSync(path.join(dir, 'pkg/b.rec'), new Date(), new Date(mtimeMs + 5_000));
    expect(await both()).toEqual(['a.rec: a one\n', 'pkg/b.rec: b three, longr\n']);
    // A file deleted with no word: the kept list names a file that is gone, and is walked again.
    rmSync(path.join(dir, 'pkg/b.rec'));
    expect(await both()).toEqual(['a.rec: a one\n']);
    // A file added: not seen until the caller says files were added (the language server's file events).
    write('d.rec', 'd\n');
    await runMigration({ cwd: dir, paths: ['.'], adapters: [recording(kept)], reuse });
    expect(kept.at(-1)).toEqual(['a.rec: a one\n']);
    reuse.filesAddedOrRemoved();
    expect(await both()).toEqual(['a.rec: a one\n', 'd.rec: d\n']);
    expect(reuse.lists(path.join(dir, 'd.rec'))).toBe(true);
    expect(reuse.lists(path.join(dir, 'ignored/c.rec'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
