#!/usr/bin/env node
// The JS/TS floor awaitify is compared with (a benchmark helper, not a test):
// the same files awaitify's discovery finds, loaded into a ts-morph Project the
// way transforms/typescript/project.ts does (in memory, no lib files), then the
// program and its type checker created (which binds every file). Prints the
// file count and the time on stderr. `--check` also asks the checker for every
// file's diagnostics (a full type check: far above what awaitify needs);
// `--parse-only` only runs ts.createSourceFile on each file.
//
//   node scripts/ts-floor.mjs <dir> [--parse-only | --check]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { discover } = await import(path.join(root, 'dist/transforms/core/discover.js'));
const dir = path.resolve(process.argv[2] ?? '.');
const parseOnly = process.argv.includes('--parse-only');
const fullCheck = process.argv.includes('--check');
const extensions = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
const t0 = performance.now();
const { files } = discover(['.'], dir, extensions, { root: dir });
if (parseOnly) {
  for (const f of files) ts.createSourceFile(f.absPath, readFileSync(f.absPath, 'utf8'), ts.ScriptTarget.ES2022, true);
} else {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, checkJs: false, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] },
  });
  for (const f of files) project.createSourceFile(f.absPath, readFileSync(f.absPath, 'utf8'), { overwrite: true });
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  if (fullCheck) {
    let diagnostics = 0;
    for (const sf of program.getSourceFiles()) diagnostics += checker.getDiagnostics(sf).length;
    process.stderr.write(`diagnostics: ${diagnostics}\n`);
  }
}
process.stderr.write(`${files.length} files, ${((performance.now() - t0) / 1000).toFixed(2)} s${parseOnly ? ' (parse only)' : fullCheck ? ' (ts-morph Project + full check)' : ' (ts-morph Project + checker)'}\n`);
