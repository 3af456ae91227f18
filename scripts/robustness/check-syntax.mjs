#!/usr/bin/env node
// Syntax checks for the robustness run, independent of awaitify's own
// re-parse: `node --check` for JavaScript, TypeScript 5's parser for
// TypeScript (awaitify parses with the TypeScript 6 inside ts-morph), and
// `py_compile` for Python. Checks the files a migrate JSON report lists as
// changed, in the tree as it is now; prints {path: {ok, error, mode}} as JSON.
//
//   node check-syntax.mjs <tree> <report.json> [--modes before.json]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [tree, reportPath] = process.argv.slice(2);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const changed = report.files.filter((f) => f.status === 'changed').map((f) => f.path);
const results = {};

const js = changed.filter((p) => /\.(c|m)?js$/.test(p));
for (const p of js) {
  const abs = path.join(tree, p);
  // A package's .js files may be ES modules without "type": "module" (bundled
  // sources); retry with module detection so the original passes, and the
  // comparison before/after stays meaningful.
  let r = spawnSync(process.execPath, ['--check', abs], { encoding: 'utf8' });
  let mode = 'node --check';
  if (r.status !== 0) {
    const again = spawnSync(process.execPath, ['--experimental-detect-module', '--check', abs], { encoding: 'utf8' });
    if (again.status === 0) {
      r = again;
      mode = 'node --experimental-detect-module --check';
    }
  }
  results[p] = { ok: r.status === 0, mode, error: r.status === 0 ? null : firstError(r.stderr) };
}

const ts = changed.filter((p) => /\.(c|m)?tsx?$/.test(p));
if (ts.length) {
  const require = createRequire(path.join(repo, 'package.json'));
  const typescript = require('typescript');
  for (const p of ts) {
    const text = readFileSync(path.join(tree, p), 'utf8');
    const kind = p.endsWith('x') ? typescript.ScriptKind.TSX : typescript.ScriptKind.TS;
    const sf = typescript.createSourceFile(p, text, typescript.ScriptTarget.Latest, true, kind);
    const diags = sf.parseDiagnostics ?? [];
    const first = diags[0];
    results[p] = {
      ok: diags.length === 0,
      mode: `typescript ${typescript.version} parser`,
      error: first ? `${p}:${sf.getLineAndCharacterOfPosition(first.start).line + 1}: ${typescript.flattenDiagnosticMessageText(first.messageText, '\n')}` : null,
    };
  }
}

const py = changed.filter((p) => p.endsWith('.py'));
if (py.length) {
  const venv = path.join(repo, '.venv/bin/python');
  const python = process.env.PYTHON ?? (existsSync(venv) ? venv : 'python3');
  // One interpreter for all files; cfile goes to a scratch dir so the tree
  // gains no __pycache__.
  const script = `
import json, py_compile, sys, tempfile, os
out = {}
scratch = tempfile.mkdtemp()
for i, p in enumerate(json.load(sys.stdin)):
    try:
        py_compile.compile(os.path.join(sys.argv[1], p), cfile=os.path.join(scratch, str(i) + '.pyc'), doraise=True)
        out[p] = {'ok': True, 'error': None}
    except py_compile.PyCompileError as e:
        out[p] = {'ok': False, 'error': ' '.join(e.msg.split())[:300]}
print(json.dumps(out))
`;
  const r = spawnSync(python, ['-c', script, tree], { input: JSON.stringify(py), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(2);
  }
  const version = spawnSync(python, ['--version'], { encoding: 'utf8' }).stdout.trim();
  for (const [p, v] of Object.entries(JSON.parse(r.stdout))) results[p] = { ...v, mode: `${version} py_compile` };
}

process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);

function firstError(stderr) {
  const lines = stderr.split('\n').filter(Boolean);
  const at = lines.findIndex((l) => /Error/.test(l));
  return [lines[0], at >= 0 ? lines[at] : ''].filter(Boolean).join(' | ').slice(0, 300);
}
