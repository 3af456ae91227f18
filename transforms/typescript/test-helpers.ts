// Test support for the JS/TS engine: runs the whole pipeline on files written
// to a temp dir, with either the real catalog or a one-rule stand-in
// (`blockingRead(x)` → `await read(x)`) that keeps structural tests independent
// of catalog details.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ts } from 'ts-morph';
import { runMigration, type MigrateOptions, type MigrateResult } from '../core/pipeline.js';
import type { LanguageAdapter } from '../core/types.js';
import { typescriptAdapter } from './adapter.js';
import { analyzeTypeScript, type BlockingCallLike } from './engine.js';
import { ImportNamer } from './imports.js';
import { awaitWrapEdits } from './syntax.js';

export const standInAdapter: LanguageAdapter = {
  ...typescriptAdapter,
  rules: [
    ...typescriptAdapter.rules,
    {
      id: 'stand-in-read',
      language: 'typescript',
      safety: 'safe',
      docs: { summary: 's', whatItDoes: 'w', why: 'y', example: { before: 'blockingRead(p)', after: 'await read(p)' }, safety: 's' },
    },
  ],
  analyze: (ctx) =>
    analyzeTypeScript(ctx, {
      createNamer: (file) => new ImportNamer(file),
      findBlockingCalls(file) {
        const out: BlockingCallLike<ImportNamer>[] = [];
        file.forEachDescendant((node) => {
          if (!node.isKind(ts.SyntaxKind.CallExpression)) return;
          const callee = node.getExpression();
          if (!callee.isKind(ts.SyntaxKind.Identifier) || callee.getText() !== 'blockingRead') return;
          const raw = node.compilerNode;
          out.push({
            rule: 'stand-in-read',
            safety: 'safe',
            call: node,
            rewrite: () => ({
              edits: [...awaitWrapEdits(raw), { start: callee.getStart(), end: callee.getEnd(), text: 'read' }],
              imports: [],
              message: 'blockingRead → await read',
              safety: 'safe',
            }),
          });
        });
        return out;
      },
    }),
};

export interface RunOutcome {
  result: MigrateResult;
  /** Output text by relative path (unchanged files included). */
  out: Record<string, string>;
}

export async function migrateFiles(
  files: Record<string, string>,
  options: Partial<Omit<MigrateOptions, 'paths' | 'cwd' | 'adapters'>> & { real?: boolean } = {},
): Promise<RunOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-ts-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    const { real, ...rest } = options;
    const result = await runMigration({ paths: ['.'], cwd: dir, adapters: [real ? typescriptAdapter : standInAdapter], ...rest });
    const out: Record<string, string> = {};
    for (const f of result.files) out[f.path] = f.output ?? f.original ?? '';
    return { result, out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
