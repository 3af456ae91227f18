// The JS/TS language adapter: ts-morph analysis of Node code (Express and
// node:http handlers), the blocking-call catalog as seeds, and the structural
// rules that carry async through the call graph.
import { ts } from 'ts-morph';
import type { LanguageAdapter } from '../core/types.js';
import { findBlockingCalls } from './blocking/index.js';
import { analyzeTypeScript } from './engine.js';
import { ImportNamer, renderTypeScriptImports } from './imports.js';
import { firstAwaitGrammarError } from './grammar.js';
import { firstParseError } from './project.js';
import { cleanupUnusedImports } from './unused-imports.js';
import { detectNodeTargets } from './targets.js';
import { TYPESCRIPT_EXTENSIONS, TYPESCRIPT_RULES } from './meta.js';

export { TYPESCRIPT_EXTENSIONS };

export const typescriptAdapter: LanguageAdapter = {
  language: 'typescript',
  extensions: TYPESCRIPT_EXTENSIONS,
  awaitOnSyncValueIsHarmless: true,
  rules: TYPESCRIPT_RULES,
  detectTargets: detectNodeTargets,
  analyze: (ctx) =>
    analyzeTypeScript(ctx, {
      findBlockingCalls,
      createNamer: (file) => new ImportNamer(file),
    }),
  renderImports: renderTypeScriptImports,
  // Bindings whose last use a rewrite replaced (`const { execSync } = require('child_process')`) go.
  cleanupImports: cleanupUnusedImports,
  async syntaxError(path, text) {
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindFor(path));
    // The parser accepts a misplaced `await` (TypeScript reports it from the checker); engines do not.
    return firstParseError(sf) ?? firstAwaitGrammarError(sf, path);
  },
};

export function scriptKindFor(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  switch (ext) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.cjs':
    case '.mjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}
