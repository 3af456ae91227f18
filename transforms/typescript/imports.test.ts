import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../core/edits.js';
import type { ImportRequest } from '../core/types.js';
import { ImportNamer, renderTypeScriptImports } from './imports.js';

function namer(code: string, path = 'a.js'): ImportNamer {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return new ImportNamer(project.createSourceFile(path, code));
}

function render(code: string, requests: ImportRequest[], path = 'a.js'): string {
  return applyEdits(code, renderTypeScriptImports(path, code, requests));
}

const named = (module: string, name: string, local = name): ImportRequest => ({ module, kind: 'named', name, local });

describe('ImportNamer', () => {
  it('reuses an existing import or require of the export, with or without node:', () => {
    expect(namer("import { readFile as rf } from 'node:fs/promises';\n").named('fs/promises', 'readFile')).toEqual({ local: 'rf' });
    expect(namer("const { promisify } = require('util');\n").named('util', 'promisify')).toEqual({ local: 'promisify' });
    expect(namer("const promisify = require('node:util').promisify;\n").named('util', 'promisify')).toEqual({ local: 'promisify' });
  });

  it('reaches the export through an existing namespace binding', () => {
    expect(namer("import * as zlib from 'zlib';\n").named('zlib', 'gzip')).toEqual({ local: 'zlib.gzip' });
    expect(namer("const cp = require('node:child_process');\n").named('child_process', 'exec')).toEqual({ local: 'cp.exec' });
    expect(namer("import fsp = require('fs/promises');\n", 'a.ts').named('fs/promises', 'stat')).toEqual({ local: 'fsp.stat' });
    expect(namer("import { promises as fsp } from 'fs';\n").named('fs/promises', 'stat')).toEqual({ local: 'fsp.stat' });
  });

  it('does not reuse a binding some scope shadows', () => {
    const n = namer("const { readFile } = require('fs/promises');\nfunction f(readFile) { return readFile; }\n");
    expect(n.named('fs/promises', 'readFile')).toEqual({ local: 'fsPromisesReadFile', request: named('fs/promises', 'readFile', 'fsPromisesReadFile') });
  });

  it('picks a name nothing in the file uses, and keeps it for repeated calls', () => {
    const n = namer("const { readFile } = require('fs');\nconst access = 1;\nres.stat = 2;\n");
    expect(n.named('fs/promises', 'readFile')).toEqual({ local: 'fsPromisesReadFile', request: named('fs/promises', 'readFile', 'fsPromisesReadFile') });
    expect(n.named('fs/promises', 'readFile').local).toBe('fsPromisesReadFile');
    expect(n.named('fs/promises', 'access').local).toBe('fsPromisesAccess');
    // A property name does not bind anything.
    expect(n.named('fs/promises', 'stat').local).toBe('stat');
  });

  it('tries the preferred names in order, never giving two exports one name', () => {
    const n = namer('setTimeout(f, 1);\nfunction sleep() {}\n');
    expect(n.named('timers/promises', 'setTimeout', ['sleep', 'delay']).local).toBe('delay');
    expect(n.named('other', 'delay').local).toBe('otherDelay');
    expect(namer('').named('timers/promises', 'setTimeout', 'sleep').local).toBe('setTimeout');
  });

  it('names namespaces', () => {
    expect(namer("const util = require('util');\n").namespace('util', 'util')).toEqual({ local: 'util' });
    expect(namer('const util = 1;\n').namespace('util', 'util')).toEqual({ local: 'util2', request: { module: 'util', kind: 'namespace', local: 'util2' } });
  });
});

describe('renderTypeScriptImports', () => {
  it('renders ESM after the last import, merged per module, with node: when the file uses it', () => {
    const code = "import express from 'express';\nimport path from 'node:path';\n\nconst app = express();\n";
    expect(render(code, [named('fs/promises', 'readFile'), named('util', 'promisify'), named('fs/promises', 'stat', 'fsStat')], 'a.mjs')).toBe(
      "import express from 'express';\nimport path from 'node:path';\nimport { readFile, stat as fsStat } from 'node:fs/promises';\nimport { promisify } from 'node:util';\n\nconst app = express();\n",
    );
  });

  it('renders CommonJS in the leading require block, plain when the file is plain, with its quotes and semicolons', () => {
    const code = '"use strict"\nconst express = require("express")\nconst fs = require("fs") // files\nconst app = express()\nconst late = require("late")\n';
    expect(render(code, [named('fs/promises', 'readFile'), named('timers/promises', 'setTimeout', 'sleep')])).toBe(
      '"use strict"\nconst express = require("express")\nconst fs = require("fs") // files\nconst { readFile } = require("fs/promises")\nconst { setTimeout: sleep } = require("timers/promises")\nconst app = express()\nconst late = require("late")\n',
    );
  });

  it('merges into an existing destructuring require or named import', () => {
    expect(render("const { a } = require('fs/promises');\n", [named('fs/promises', 'readFile'), named('fs/promises', 'stat', 's')])).toBe(
      "const { a, readFile, stat: s } = require('fs/promises');\n",
    );
    expect(render("import { a } from 'node:fs/promises';\n", [named('fs/promises', 'readFile')])).toBe("import { a, readFile } from 'node:fs/promises';\n");
    expect(render("import {\n  a,\n  b,\n} from 'fs/promises';\n", [named('fs/promises', 'readFile')])).toBe("import {\n  a,\n  b,\n  readFile,\n} from 'fs/promises';\n");
    expect(render("import {\n  a\n} from 'fs/promises';\n", [named('fs/promises', 'readFile')])).toBe("import {\n  a,\n  readFile\n} from 'fs/promises';\n");
  });

  it('does not merge into type-only imports, nor duplicate what is there', () => {
    expect(render("import type { Stats } from 'fs/promises';\n", [named('fs/promises', 'stat')], 'a.ts')).toBe(
      "import type { Stats } from 'fs/promises';\nimport { stat } from 'fs/promises';\n",
    );
    expect(render("import { stat } from 'fs/promises';\n", [named('fs/promises', 'stat'), named('fs/promises', 'stat')])).toBe("import { stat } from 'fs/promises';\n");
    expect(render("const x = 1;\n", [named('util', 'promisify'), named('util', 'promisify')])).toBe("const { promisify } = require('util');\n\nconst x = 1;\n");
  });

  it('places imports after a shebang, directives and a header comment, but above a comment that belongs to code', () => {
    expect(render("#!/usr/bin/env node\n// Copyright\n\n/** The app. */\nfunction main() {}\n", [named('util', 'promisify')])).toBe(
      "#!/usr/bin/env node\n// Copyright\n\nconst { promisify } = require('util');\n\n/** The app. */\nfunction main() {}\n",
    );
    expect(render("'use strict';\n\nmodule.exports = 1;\n", [named('util', 'promisify')])).toBe(
      "'use strict';\nconst { promisify } = require('util');\n\nmodule.exports = 1;\n",
    );
    expect(render('export const x = 1;\n', [named('util', 'promisify')])).toBe("import { promisify } from 'util';\n\nexport const x = 1;\n");
  });

  it('renders TypeScript files with import-equals style', () => {
    const code = "import fs = require('fs');\n\nexport = function h() {};\n";
    expect(render(code, [named('fs/promises', 'readFile'), { module: 'util', kind: 'namespace', local: 'util' }], 'a.ts')).toBe(
      "import fs = require('fs');\nimport { readFile } from 'fs/promises';\nimport util = require('util');\n\nexport = function h() {};\n",
    );
  });

  it('defaults by extension when the file has no imports', () => {
    expect(render('app.listen(1);\n', [named('util', 'promisify')], 'a.ts')).toBe("import { promisify } from 'util';\n\napp.listen(1);\n");
    expect(render('app.listen(1);\n', [named('util', 'promisify')], 'a.cjs')).toBe("const { promisify } = require('util');\n\napp.listen(1);\n");
  });

  it('keeps CRLF files CRLF', () => {
    const code = "const fs = require('fs');\r\n\r\nmodule.exports = fs;\r\n";
    const edits = renderTypeScriptImports('a.js', code, [named('fs/promises', 'readFile')]);
    expect(applyEdits(code, edits, '\r\n')).toBe("const fs = require('fs');\r\nconst { readFile } = require('fs/promises');\r\n\r\nmodule.exports = fs;\r\n");
  });

  it('renders nothing for no requests', () => {
    expect(renderTypeScriptImports('a.js', 'x;\n', [])).toEqual([]);
  });
});
