// A jscodeshift transform module over the awaitify engine: `jscodeshift -t`
// and codemod runners apply the JS/TS rules file by file. There is no second
// implementation: each file goes through the same pipeline as `awaitify
// migrate`, with the file as the whole project (so propagation stays inside
// the file; run `awaitify migrate` for cross-file propagation).
import path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { migrate } from '../index.js';
import { typescriptAdapter } from '../typescript/adapter.js';

function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Options (jscodeshift passes unknown flags through): `--safety=safe|review`,
 * `--rules=a,b`, `--skip=a,b`, `--express=4|5`, `--node=20`, `--entry=handlers|all`, `--api=replace|twin`,
 * `--root=<dir>` (where package.json is read; default: the working directory).
 */
export default async function awaitifyTransform(file: FileInfo, api: API, options: Options): Promise<string | undefined> {
  const cwd = path.resolve(String(options.root ?? process.cwd()));
  const rel = path.relative(cwd, path.resolve(file.path)).split(path.sep).join('/');
  const result = await migrate({
    cwd,
    sources: [{ path: rel, text: file.source }],
    adapters: [typescriptAdapter],
    safety: options.safety as 'safe' | 'review' | undefined,
    rules: list(options.rules),
    // A transform returns one file's text and cannot create the worker helper the offload imports.
    skip: [...(list(options.skip) ?? []), 'worker-offload'],
    entry: options.entry as string | undefined,
    api: options.api as 'replace' | 'twin' | undefined,
    toplevel: options.toplevel as 'keep' | 'await' | 'iife' | undefined,
    targets: {
      ...(options.express !== undefined ? { express: String(options.express) } : {}),
      ...(options.node !== undefined ? { node: String(options.node) } : {}),
    },
  });
  for (const finding of result.findings) {
    if (finding.safety === 'manual' || (finding.safety === 'review' && finding.applied)) {
      api.report(`${finding.path}:${finding.line}:${finding.column} ${finding.rule} [${finding.safety}] ${finding.message}`);
    }
  }
  const migrated = result.files.find((f) => f.path === rel);
  if (!migrated) return undefined;
  if (migrated.status === 'failed') throw new Error(`${rel}:${migrated.line ?? 1} ${migrated.reason}`);
  if (migrated.status === 'skipped') return undefined;
  return migrated.status === 'changed' ? migrated.output : file.source;
}
