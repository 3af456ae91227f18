import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../core/edits.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { ImportNamer, renderTypeScriptImports } from '../imports.js';
import { blockingRules, findBlockingCalls } from './index.js';

function load(code: string, path = 'app.js') {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(path, code);
}

/** Calls found, as `rule: callee text`. */
function found(code: string, path = 'app.js'): string[] {
  return findBlockingCalls(load(code, path)).map((b) => `${b.rule}: ${b.call.getExpression().getText()}`);
}

/** Applies every rewrite (and the imports they need); manual findings are listed. */
function rewrite(code: string, path = 'app.js'): { text: string; manual: string[]; safety: string[] } {
  const file = load(code, path);
  const namer = new ImportNamer(file);
  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const manual: string[] = [];
  const safety: string[] = [];
  for (const b of findBlockingCalls(file)) {
    const r = b.rewrite(namer);
    if ('manual' in r) {
      manual.push(`${b.rule}: ${r.manual}`);
      continue;
    }
    edits.push(...r.edits);
    imports.push(...r.imports);
    safety.push(r.safety);
  }
  edits.push(...renderTypeScriptImports(path, code, imports));
  return { text: applyEdits(code, edits), manual, safety };
}

/** The body line(s) after rewriting, for focused assertions. */
function line(code: string, prelude: string, path = 'app.js'): string {
  const out = rewrite(`${prelude}\nasync function h() {\n  ${code}\n}\n`, path).text;
  return out.slice(out.indexOf('async function h() {\n') + 'async function h() {\n  '.length, out.lastIndexOf('\n}'));
}

describe('matching follows bindings', () => {
  const call = "readFileSync('a')";
  it.each([
    ["const fs = require('fs');", `fs.${call}`],
    ["const fs = require('node:fs');", `fs.${call}`],
    ["const { readFileSync } = require('fs');", call],
    ["const { readFileSync: rf } = require('node:fs');", "rf('a')"],
    ["const rf = require('fs').readFileSync;", "rf('a')"],
    ["import * as fs from 'fs';", `fs.${call}`],
    ["import fs from 'node:fs';", `fs.${call}`],
    ["import { default as fs } from 'fs';", `fs.${call}`],
    ["import { readFileSync as rf } from 'fs';", "rf('a')"],
    ["import fs = require('fs');", `fs.${call}`],
    ['', `require('fs').${call}`],
    ["const fs = require('fs');", `fs['readFileSync']('a')`],
  ])('%s %s', (prelude, expr) => {
    const path = prelude.startsWith('import fs =') ? 'app.ts' : 'app.js';
    expect(found(`${prelude}\nfunction h() { return ${expr}; }\n`, path)).toEqual([`fs-sync-call: ${expr.slice(0, expr.lastIndexOf('('))}`]);
  });

  it('ignores a parameter or local that shadows the import', () => {
    const code = `const fs = require('fs');
function a(fs) { return fs.readFileSync('x'); }
function b() { const fs = makeFs(); return fs.readFileSync('x'); }
function c() { { let readFileSync = () => 1; readFileSync('x'); } }
const { readFileSync } = require('fs');
function d(readFileSync) { return readFileSync('x'); }
function e() { try {} catch (fs) { fs.readFileSync('x'); } }
for (const fs of list) fs.readFileSync('x');
`;
    expect(found(code)).toEqual([]);
  });

  it('ignores the same method name on other objects and unrelated modules', () => {
    const code = `const fs = require('memfs');
const store = { readFileSync() {} };
store.readFileSync('x');
fs.readFileSync('x');
this.fs.readFileSync('x');
readFileSync('x');
const { execSync } = require('./exec');
execSync('ls');
`;
    expect(found(code)).toEqual([]);
  });

  it('finds the binding through the scope it is declared in', () => {
    const code = `function h() {
  const fs = require('fs');
  return fs.readFileSync('x');
}
function other() { return fs.readFileSync('y'); }
`;
    expect(found(code)).toEqual(['fs-sync-call: fs.readFileSync']);
  });

  it('matches type-annotated TypeScript and ignores type-only imports', () => {
    expect(found("import type * as fs from 'fs';\nfs.readFileSync('x');\n", 'a.ts')).toEqual([]);
    expect(found("import * as fs from 'fs';\nconst s: string = fs.readFileSync('x', 'utf8');\n", 'a.ts')).toEqual(['fs-sync-call: fs.readFileSync']);
  });

  it('leaves files without candidates alone and fs/promises calls unmatched', () => {
    expect(found("import { readFile } from 'fs/promises';\nawait readFile('x');\n")).toEqual([]);
    expect(found("const fsp = require('fs').promises;\nfsp.readFile('x');\n")).toEqual([]);
  });

  it('every rule has docs and a fixture-ready example', () => {
    for (const rule of blockingRules) {
      expect(rule.language).toBe('typescript');
      expect(rule.docs.summary).toMatch(/\.$/);
      expect(rule.docs.example.before).not.toBe(rule.docs.example.after);
    }
    expect(blockingRules.map((r) => r.id)).toEqual(['fs-sync-call', 'fs-exists-sync', 'child-process-sync', 'zlib-sync-call', 'crypto-sync-call', 'bcrypt-sync-call', 'lowdb-sync-adapter', 'sleep-busy-wait']);
  });
});

describe('fs-sync-call', () => {
  const fs = "const fs = require('fs');";
  it('keeps every argument and awaits in place', () => {
    expect(line("const s = fs.readFileSync(dir + '/a.json', { encoding: 'utf8' /* keep */ });", fs)).toBe(
      "const s = await readFile(dir + '/a.json', { encoding: 'utf8' /* keep */ });",
    );
  });

  it('parenthesises where the context needs it', () => {
    expect(line('return fs.readdirSync(d).length;', fs)).toBe('return (await readdir(d)).length;');
    expect(line('return JSON.parse(fs.readFileSync(p, "utf8"));', fs)).toBe('return JSON.parse(await readFile(p, "utf8"));');
    expect(line('return fs.statSync(p).isFile() && fs.statSync(q).size > 0;', fs)).toBe('return (await stat(p)).isFile() && (await stat(q)).size > 0;');
  });

  it('does not add a second await', () => {
    expect(line("const s = await fs.readFileSync('a');", fs)).toBe("const s = await readFile('a');");
  });

  it('rewrites nested calls independently', () => {
    expect(line("fs.writeFileSync('b', fs.readFileSync('a'));", fs)).toBe("await writeFile('b', await readFile('a'));");
  });

  it('reports fd-based calls and descriptors as manual work', () => {
    const { manual, text } = rewrite(`${fs}\nfunction h() {\n  const fd = fs.openSync('a', 'r');\n  fs.readFileSync(fd);\n  fs.writeFileSync(1, 'x');\n  fs.closeSync(fd);\n}\n`);
    expect(manual).toHaveLength(4);
    expect(manual[0]).toMatch(/^fs-sync-call: fs\.openSync\(\) blocks the event loop; `openSync` returns a numeric file descriptor/);
    expect(manual[1]).toMatch(/first argument is a file descriptor/);
    expect(text).not.toMatch(/await/);
  });

  it('reports statSync with throwIfNoEntry: false as manual work', () => {
    expect(rewrite(`${fs}\nfunction h() { return fs.statSync(p, { throwIfNoEntry: false }); }\n`).manual[0]).toMatch(/throwIfNoEntry/);
  });

  it('imports in the file style and reuses an existing fs/promises import', () => {
    const esm = rewrite("import { readFileSync } from 'node:fs';\nexport async function h() {\n  return readFileSync('a');\n}\n", 'a.mjs').text;
    expect(esm).toBe("import { readFileSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nexport async function h() {\n  return await readFile('a');\n}\n");
    const reuse = rewrite("const fs = require('fs');\nconst fsp = require('fs').promises;\nasync function h() {\n  return fs.readFileSync('a');\n}\n").text;
    expect(reuse).toBe("const fs = require('fs');\nconst fsp = require('fs').promises;\nasync function h() {\n  return await fsp.readFile('a');\n}\n");
  });
});

describe('fs-extra', () => {
  it('keeps fs-extra and uses its promise-returning twins', () => {
    const prelude = "const fse = require('fs-extra');";
    expect(line("const cfg = fse.readJsonSync('cfg.json', { throws: false });", prelude)).toBe("const cfg = await fse.readJson('cfg.json', { throws: false });");
    expect(line("fse.outputFileSync(p, data);", prelude)).toBe('await fse.outputFile(p, data);');
    expect(line('if (fse.existsSync(p)) return;', prelude)).toBe('if (await fse.pathExists(p)) return;');
    expect(line("const { readFileSync } = require('fs-extra');\n  return readFileSync(p);", '')).toBe(
      "const { readFileSync } = require('fs-extra');\n  return await readFile(p);",
    );
  });
});

describe('fs-exists-sync', () => {
  it('keeps a boolean', () => {
    expect(line("if (!fs.existsSync(p)) return;", "const fs = require('fs');")).toBe('if (!(await access(p).then(() => true, () => false))) return;');
    expect(line('const ok = existsSync(p);', "const { existsSync } = require('fs');")).toBe('const ok = await access(p).then(() => true, () => false);');
  });
});

describe('child-process-sync', () => {
  const cp = "const { execSync, execFileSync, spawnSync } = require('child_process');";
  it('keeps a Buffer when no encoding is given', () => {
    expect(line("const sha = execSync('git rev-parse HEAD').toString().trim();", cp)).toBe(
      "const sha = (await promisify(exec)('git rev-parse HEAD', { encoding: 'buffer' })).stdout.toString().trim();",
    );
    expect(line("const out = execSync(cmd, { cwd: dir });", cp)).toBe("const out = (await promisify(exec)(cmd, { encoding: 'buffer', cwd: dir })).stdout;");
    expect(line('const out = execSync(cmd, opts);', cp)).toBe("const out = (await promisify(exec)(cmd, { encoding: 'buffer', ...opts })).stdout;");
    expect(line("const out = execFileSync('git', ['log'], {});", cp)).toBe("const out = (await promisify(execFile)('git', ['log'], { encoding: 'buffer' })).stdout;");
    expect(line("const out = execFileSync('ls');", cp)).toBe("const out = (await promisify(execFile)('ls', { encoding: 'buffer' })).stdout;");
  });

  it('keeps a string when an encoding is given', () => {
    expect(line("const s = execSync('ls', { encoding: 'utf8' });", cp)).toBe("const s = (await promisify(exec)('ls', { encoding: 'utf8' })).stdout;");
  });

  it('leaves the arguments alone when the result is unused', () => {
    expect(line("execFileSync('make', args, opts);", cp)).toBe("await promisify(execFile)('make', args, opts);");
  });

  it('is review, and manual where the async form cannot do the same', () => {
    expect(rewrite(`${cp}\nfunction h() { execSync('ls'); }\n`).safety).toEqual(['review']);
    const { manual } = rewrite(`${cp}\nfunction h() {\n  execSync('npm ci', { stdio: 'inherit' });\n  execSync('cat', { input: 'x' });\n  spawnSync('ls');\n  const a = execFileSync('git', list);\n}\n`);
    expect(manual.map((m) => m.slice(0, m.indexOf('('))))
      .toEqual(['child-process-sync: execSync', 'child-process-sync: execSync', 'child-process-sync: spawnSync', 'child-process-sync: execFileSync']);
  });

  it('adds the encoding on its own line in a multi-line options object', () => {
    expect(line("const out = execSync('ls', {\n    cwd: dir,\n  });", cp)).toBe("const out = (await promisify(exec)('ls', {\n    encoding: 'buffer',\n    cwd: dir,\n  })).stdout;");
  });
});

describe('zlib-sync-call and crypto-sync-call', () => {
  it('promisifies the callback form', () => {
    expect(line('const z = zlib.gunzipSync(buf, { level: 1 });', "const zlib = require('zlib');")).toBe('const z = await promisify(zlib.gunzip)(buf, { level: 1 });');
    expect(line('const key = pbkdf2Sync(pw, salt, 1e5, 64, "sha512");', "import { pbkdf2Sync } from 'crypto';", 'a.ts')).toBe(
      'const key = await promisify(pbkdf2)(pw, salt, 1e5, 64, "sha512");',
    );
  });

  it('matches randomBytes and randomInt only without a callback', () => {
    const prelude = "const crypto = require('crypto');\nfunction done() {}";
    expect(line('const id = crypto.randomBytes(8).toString("hex");', prelude)).toBe('const id = (await promisify(crypto.randomBytes)(8)).toString("hex");');
    expect(line('const n = crypto.randomInt(1, 7);', prelude)).toBe('const n = await promisify(crypto.randomInt)(1, 7);');
    const untouched = 'crypto.randomBytes(8, (err, b) => {}); crypto.randomInt(7, done); crypto.randomInt(1, 7, cb);';
    expect(line(untouched, prelude)).toBe(untouched);
  });

  it('reuses util.promisify through an existing util require', () => {
    expect(line('const z = zlib.gzipSync(b);', "const zlib = require('zlib');\nconst util = require('node:util');")).toBe('const z = await util.promisify(zlib.gzip)(b);');
  });
});

describe('sleep-busy-wait', () => {
  it('rewrites an Atomics.wait sleep', () => {
    expect(line('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);', '')).toBe('await setTimeout(ms);');
    const viaConsts = rewrite('const sab = new SharedArrayBuffer(4);\nconst view = new Int32Array(sab);\nasync function h(ms) {\n  Atomics.wait(view, 0, 0, ms);\n}\n').text;
    expect(viaConsts).toContain('  await setTimeout(ms);\n');
  });

  it('leaves real synchronisation alone', () => {
    const code = 'const view = new Int32Array(new SharedArrayBuffer(4));\nfunction h() {\n  Atomics.wait(view, 0, 0, 100);\n}\nfunction wake() { Atomics.notify(view, 0); }\n';
    expect(found(code)).toEqual([]);
    expect(found('function h(shared) { Atomics.wait(shared, 0, 0, 10); const r = Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); }\n')).toEqual([]);
  });

  it('folds a deadline loop with its declaration', () => {
    expect(line('const end = Date.now() + delay * 2;\n  while (Date.now() < end) {}', '')).toBe('await setTimeout(delay * 2);');
    expect(line('const start = Date.now();\n  while (Date.now() - start < 50);', '')).toBe('await setTimeout(50);');
  });

  it('keeps a deadline that is read elsewhere', () => {
    expect(line('const end = Date.now() + 10;\n  while (Date.now() < end) {}\n  log(end);', '')).toBe(
      'const end = Date.now() + 10;\n  await setTimeout(Math.max(0, end - Date.now()));\n  log(end);',
    );
  });

  it('imports setTimeout under another name when the global is used', () => {
    const out = rewrite('function sleep(ms) {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);\n}\nsetTimeout(tick, 10);\n').text;
    expect(out).toBe("const { setTimeout: delay } = require('timers/promises');\n\nfunction sleep(ms) {\n  await delay(ms);\n}\nsetTimeout(tick, 10);\n");
  });

  it('ignores loops that do work or do not poll the clock', () => {
    expect(found('function h(end) { while (Date.now() < end) { tick(); } while (i < end) {} }\n')).toEqual([]);
    expect(found('function h(Date, end) { while (Date.now() < end) {} }\n')).toEqual([]);
  });
});

describe('idempotence', () => {
  it('finds nothing to do in rewritten code', () => {
    const code = `const fs = require('fs');
const { execSync } = require('child_process');
const zlib = require('zlib');
async function h() {
  const a = fs.readFileSync('a');
  const b = fs.existsSync('b');
  const c = execSync('ls');
  const d = zlib.gzipSync(a);
  const end = Date.now() + 5;
  while (Date.now() < end) {}
}
`;
    const once = rewrite(code).text;
    expect(once).not.toBe(code);
    expect(found(once)).toEqual([]);
  });
});

describe('TypeScript typing of promisified overloads', () => {
  const prelude = "import { scryptSync, randomInt, randomFillSync } from 'node:crypto';";
  it('asserts the result type or passes type arguments', () => {
    expect(line('const hash = scryptSync(pw, salt, 64);', prelude, 'a.ts')).toBe('const hash = (await promisify(scrypt)(pw, salt, 64)) as Buffer;');
    expect(line("return scryptSync(pw, salt, 64).toString('hex');", prelude, 'a.ts')).toBe("return ((await promisify(scrypt)(pw, salt, 64)) as Buffer).toString('hex');");
    expect(line('const pin = randomInt(1000, 10000);', prelude, 'a.ts')).toBe('const pin = await promisify<number, number, number>(randomInt)(1000, 10000);');
    expect(line('fill(randomFillSync(buf));', prelude, 'a.ts')).toBe('fill((await promisify(randomFill)(buf)) as typeof buf);');
  });

  it('leaves JavaScript untyped and reports arities TypeScript cannot type', () => {
    expect(line('const hash = scryptSync(pw, salt, 64);', "const { scryptSync } = require('crypto');")).toBe('const hash = await promisify(scrypt)(pw, salt, 64);');
    const { manual } = rewrite(`${prelude}\nasync function h() {\n  return scryptSync(pw, salt, 64, { N: 1024 });\n}\n`, 'a.ts');
    expect(manual[0]).toMatch(/^crypto-sync-call: scryptSync\(\) blocks the event loop and cannot be rewritten as it stands: in TypeScript/);
  });
});
