// Run policies: opt-in rules, --toplevel, --entry all|<glob>. Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from './test-helpers.js';

const parallelInput = 'async function f(a, b) {\n  const x = await a.getX();\n  const y = await b.getY();\n  return x + y;\n}\nmodule.exports = { f };\n';

describe('parallel-awaits is opt-in', () => {
  it('does nothing unless --rules names it', async () => {
    const r = await migrateFiles({ 'a.js': parallelInput });
    expect(r.out['a.js']).toBe(parallelInput);
    expect(r.result.findings).toEqual([]);
  });

  it('groups independent reads when selected, and not a call whose argument awaits', async () => {
    const r = await migrateFiles({ 'a.js': parallelInput, 'b.js': 'async function g(a) {\n  const x = await a.getX();\n  const y = await a.getY(await a.token());\n  return x + y;\n}\nmodule.exports = { g };\n' }, { rules: ['parallel-awaits'] });
    expect(r.out['a.js']).toBe('async function f(a, b) {\n  const [x, y] = await Promise.all([a.getX(), b.getY()]);\n  return x + y;\n}\nmodule.exports = { f };\n');
    expect(r.result.files.find((f) => f.path === 'b.js')!.status).toBe('unchanged');
  });
});

describe('--toplevel iife', () => {
  const script = "#!/usr/bin/env node\nconst path = require('path');\n\nfunction load(p) {\n  return blockingRead(path.resolve(p));\n}\n\nconsole.log(load(process.argv[2]));\n";

  it('wraps a script whose top level must await, after its shebang and requires', async () => {
    const r = await migrateFiles({ 'bin/run.js': script }, { toplevel: 'iife', entry: 'all' });
    expect(r.out['bin/run.js']).toBe(
      "#!/usr/bin/env node\nconst path = require('path');\n\n(async () => {\n  async function load(p) {\n    return await read(path.resolve(p));\n  }\n\n  console.log(await load(process.argv[2]));\n})().catch((err) => {\n  console.error(err);\n  process.exitCode = 1;\n});\n",
    );
  });

  it('keeps start-up code sync by default, with a note', async () => {
    const r = await migrateFiles({ 'bin/run.js': script }, { entry: 'all' });
    expect(r.out['bin/run.js']).toBe(script);
    expect(r.result.findings.map((f) => `${f.rule} ${f.safety} ${f.edits.length}`)).toEqual(['startup-only-io review 0']);
  });

  it('does not wrap under --safety safe', async () => {
    const r = await migrateFiles({ 'bin/run.js': script }, { toplevel: 'iife', entry: 'all', safety: 'safe' });
    expect(r.out['bin/run.js']).toBe(script);
  });
});

describe('--entry', () => {
  const files = {
    'src/jobs/nightly.js': "function run() {\n  return blockingRead('nightly');\n}\nmodule.exports = { run };\n",
    'src/lib/util.js': "function util() {\n  return blockingRead('util');\n}\nmodule.exports = { util };\n",
  };

  it('all: migrates every function that reaches a blocking call', async () => {
    const r = await migrateFiles(files, { entry: 'all' });
    expect(r.out['src/jobs/nightly.js']).toBe("async function run() {\n  return await read('nightly');\n}\nmodule.exports = { run };\n");
    expect(r.out['src/lib/util.js']).toBe("async function util() {\n  return await read('util');\n}\nmodule.exports = { util };\n");
  });

  it('<glob>: only functions in matching files are entries', async () => {
    const r = await migrateFiles(files, { entry: 'src/jobs/**' });
    expect(r.out['src/jobs/nightly.js']).toBe("async function run() {\n  return await read('nightly');\n}\nmodule.exports = { run };\n");
    expect(r.out['src/lib/util.js']).toBe(files['src/lib/util.js']);
    expect(r.result.plan.entries.map((e) => e.name)).toEqual(['run']);
  });

  it('handlers: nothing without a handler', async () => {
    const r = await migrateFiles(files);
    expect(r.result.files.every((f) => f.status === 'unchanged')).toBe(true);
  });
});
