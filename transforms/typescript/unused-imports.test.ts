import { describe, expect, it } from 'vitest';
import { applyEdits } from '../core/edits.js';
import { cleanupUnusedImports } from './unused-imports.js';

/** The output after cleanup, given the original and the migrated text before it. */
function cleanup(path: string, original: string, output: string): string {
  return applyEdits(output, cleanupUnusedImports(path, original, output));
}

describe('cleanupUnusedImports', () => {
  it('drops a destructured require name whose last call was rewritten, keeping the others', () => {
    const original = "const { execSync, exec } = require('child_process');\nexecSync('ls');\nexec('x');\n";
    const output = "const { execSync, exec } = require('child_process');\nawait promisify(exec)('ls');\nexec('x');\n";
    expect(cleanup('a.js', original, output)).toBe("const { exec } = require('child_process');\nawait promisify(exec)('ls');\nexec('x');\n");
    const last = "const { exec, execSync } = require('child_process');\nawait x(exec);\n";
    expect(cleanup('a.js', "const { exec, execSync } = require('child_process');\nexecSync(exec);\n", last)).toBe("const { exec } = require('child_process');\nawait x(exec);\n");
  });

  it('drops a whole statement with its line, and the blank line that would double', () => {
    const original = "'use strict';\n\nconst fs = require('fs');\n\nconst { readFile } = require('fs/promises');\nfs.readFileSync('a');\n";
    const output = "'use strict';\n\nconst fs = require('fs');\n\nconst { readFile } = require('fs/promises');\nawait readFile('a');\n";
    expect(cleanup('a.js', original, output)).toBe("'use strict';\n\nconst { readFile } = require('fs/promises');\nawait readFile('a');\n");
    // At the top of the file no blank line is left first.
    expect(cleanup('a.js', "const fs = require('fs');\n\nfs.readFileSync(p);\n", "const fs = require('fs');\n\nawait readFile(p);\n")).toBe('await readFile(p);\n');
  });

  it('handles ESM named, default and namespace imports', () => {
    const o = (s: string) => `${s}\nreadFileSync(a); fs.x; ns.y; other;\n`;
    const n = (s: string) => `${s}\nawait readFile(a); other;\n`;
    expect(cleanup('a.mjs', o("import { readFileSync, other } from 'fs';"), n("import { readFileSync, other } from 'fs';"))).toBe(n("import { other } from 'fs';"));
    expect(cleanup('a.mjs', o("import fs, { readFileSync } from 'fs';"), n("import fs, { readFileSync } from 'fs';"))).toBe('await readFile(a); other;\n');
    expect(cleanup('a.ts', o("import fs, { other, readFileSync } from 'fs';"), n("import fs, { other, readFileSync } from 'fs';"))).toBe(n("import { other } from 'fs';"));
    expect(cleanup('a.ts', o("import other, { readFileSync } from 'fs';"), n("import other, { readFileSync } from 'fs';"))).toBe(n("import other from 'fs';"));
    expect(cleanup('a.ts', o("import * as ns from 'fs';\nimport x from 'y';"), n("import * as ns from 'fs';\nimport x from 'y';"))).toBe(n("import x from 'y';"));
    expect(cleanup('a.ts', o("import fs = require('fs');"), n("import fs = require('fs');"))).toBe('await readFile(a); other;\n');
  });

  it('removes names from multi-line lists line by line, comments included', () => {
    const original = "const {\n  execSync, // sync\n  exec,\n  spawnSync\n} = require('child_process');\nexecSync(spawnSync);\nexec();\n";
    const output = "const {\n  execSync, // sync\n  exec,\n  spawnSync\n} = require('child_process');\nawait a;\nexec();\n";
    expect(cleanup('a.js', original, output)).toBe("const {\n  exec\n} = require('child_process');\nawait a;\nexec();\n");
    const trailing = "import {\n  exec,\n  execSync,\n} from 'child_process';\n";
    expect(cleanup('a.ts', `${trailing}execSync(exec);\n`, `${trailing}exec;\n`)).toBe("import {\n  exec,\n} from 'child_process';\nexec;\n");
  });

  it('removes one declaration of several, and var/let alike', () => {
    const original = "var fs = require('fs'), path = require('path');\nlet cp = require('child_process');\nfs.readFileSync(path.join());\ncp.execSync();\n";
    const output = "var fs = require('fs'), path = require('path');\nlet cp = require('child_process');\nawait readFile(path.join());\nawait x();\n";
    expect(cleanup('a.cjs', original, output)).toBe("var path = require('path');\nawait readFile(path.join());\nawait x();\n");
  });

  it('removes a lazy require inside a function', () => {
    const original = "async function f() {\n  const fs = require('fs');\n  return fs.readFileSync('a');\n}\n";
    const output = "async function f() {\n  const fs = require('fs');\n  return await readFile('a');\n}\n";
    expect(cleanup('a.js', original, output)).toBe("async function f() {\n  return await readFile('a');\n}\n");
  });

  it('keeps CRLF line endings', () => {
    const original = "const fs = require('fs');\r\nconst { a, readFileSync } = require('fs');\r\nreadFileSync(fs, a);\r\n";
    const output = "const fs = require('fs');\r\nconst { a, readFileSync } = require('fs');\r\nawait readFile(fs, a);\r\n";
    expect(cleanup('a.js', original, output)).toBe("const fs = require('fs');\r\nconst { a } = require('fs');\r\nawait readFile(fs, a);\r\n");
  });

  it('leaves bindings that were unused before, still used, exported, used in types, or side-effect imports', () => {
    // Unused before the run.
    expect(cleanup('a.js', "const fs = require('fs');\nreadFileSync();\n", "const fs = require('fs');\nawait readFile();\n")).toBe("const fs = require('fs');\nawait readFile();\n");
    // Still used elsewhere.
    const used = "const fs = require('fs');\nawait readFile();\nfs.statSync();\n";
    expect(cleanup('a.js', "const fs = require('fs');\nfs.readFileSync();\nfs.statSync();\n", used)).toBe(used);
    // Exported.
    const exported = "import { readFileSync } from 'fs';\nexport { readFileSync };\nawait readFile();\n";
    expect(cleanup('a.mjs', "import { readFileSync } from 'fs';\nexport { readFileSync };\nreadFileSync();\n", exported)).toBe(exported);
    const exportedCjs = "const { readFileSync } = require('fs');\nmodule.exports = { readFileSync };\nawait readFile();\n";
    expect(cleanup('a.js', "const { readFileSync } = require('fs');\nmodule.exports = { readFileSync };\nreadFileSync();\n", exportedCjs)).toBe(exportedCjs);
    const exportedImportEquals = "export import fs = require('fs');\nawait readFile();\n";
    expect(cleanup('a.ts', "export import fs = require('fs');\nfs.readFileSync();\n", exportedImportEquals)).toBe(exportedImportEquals);
    // Referenced from a type.
    const typed = "import * as fs from 'fs';\nlet s: fs.Stats;\nawait stat();\n";
    expect(cleanup('a.ts', "import * as fs from 'fs';\nlet s: fs.Stats;\nfs.statSync();\n", typed)).toBe(typed);
    // Side-effect imports bind nothing.
    const bare = "require('fs');\nimport 'fs';\nawait readFile();\n";
    expect(cleanup('a.ts', "require('fs');\nimport 'fs';\nreadFileSync();\n", bare)).toBe(bare);
    // A rest element depends on which names are destructured.
    const rest = "const { readFileSync, ...others } = require('fs');\nawait readFile(others);\n";
    expect(cleanup('a.js', "const { readFileSync, ...others } = require('fs');\nreadFileSync(others);\n", rest)).toBe(rest);
  });

  it('counts only references that resolve to the import', () => {
    // Before the run `fs` was used only through a shadowing parameter: it was already unused.
    const original = "const fs = require('fs');\nfunction f(fs) { return fs.readFileSync(); }\n";
    const output = "const fs = require('fs');\nfunction f(x) { return readFile(); }\n";
    expect(cleanup('a.js', original, output)).toBe(output);
    // A property named like the import, an object key and a label are not uses.
    const after = "const { readFileSync } = require('fs');\nobj.readFileSync; ({ readFileSync: 1 }); readFileSync: for (;;) break readFileSync;\n";
    expect(cleanup('a.js', "const { readFileSync } = require('fs');\nreadFileSync();\n", after)).toBe(
      "obj.readFileSync; ({ readFileSync: 1 }); readFileSync: for (;;) break readFileSync;\n",
    );
  });

  it('keeps a statement that shares its line with other code, removing only its text', () => {
    const original = "const fs = require('fs'); const x = fs.readFileSync();\n";
    const output = "const fs = require('fs'); const x = await readFile();\n";
    expect(cleanup('a.js', original, output)).toBe('const x = await readFile();\n');
    expect(cleanup('a.js', "const x = 1; const fs = require('fs');\nfs.readFileSync();\n", "const x = 1; const fs = require('fs');\nawait readFile();\n")).toBe('const x = 1;\nawait readFile();\n');
  });

  it('leaves a require that is the whole body of an if or a label', () => {
    const output = "if (lazy) var fs = require('fs');\nawait readFile();\n";
    expect(cleanup('a.js', "if (lazy) var fs = require('fs');\nfs.readFileSync();\n", output)).toBe(output);
  });

  it('handles renamed, defaulted and string-keyed properties, and keeps type-only imports', () => {
    const original = "const { readFileSync: read, 'statSync': st, mkdirSync = null, join } = require('fs');\nimport type { Stats } from 'fs';\nread(st, mkdirSync, join);\n";
    const output = "const { readFileSync: read, 'statSync': st, mkdirSync = null, join } = require('fs');\nimport type { Stats } from 'fs';\nawait readFile(join);\n";
    expect(cleanup('a.ts', original, output)).toBe("const { join } = require('fs');\nimport type { Stats } from 'fs';\nawait readFile(join);\n");
  });

  it('removes a default import beside a namespace import, and a property of a required module', () => {
    const original = "import fs, * as ns from 'fs';\nconst execSync = require('child_process').execSync;\nfs(ns); execSync();\n";
    const output = "import fs, * as ns from 'fs';\nconst execSync = require('child_process').execSync;\nawait x(ns);\n";
    expect(cleanup('a.mjs', original, output)).toBe("import * as ns from 'fs';\nawait x(ns);\n");
  });

  it('keeps an export under another name as a use', () => {
    const output = "import { readFileSync } from 'fs';\nexport { readFileSync as read };\nawait readFile();\n";
    expect(cleanup('a.mjs', "import { readFileSync } from 'fs';\nexport { readFileSync as read };\nreadFileSync();\n", output)).toBe(output);
    // `export { x } from 'm'` names another module's export, not the local.
    const reexport = "import { readFileSync } from 'fs';\nexport { readFileSync } from 'fs';\nawait readFile();\n";
    expect(cleanup('a.mjs', "import { readFileSync } from 'fs';\nexport { readFileSync } from 'fs';\nreadFileSync();\n", reexport)).toBe(
      "export { readFileSync } from 'fs';\nawait readFile();\n",
    );
  });

  it('removes names from a multi-line CRLF list', () => {
    const original = "import {\r\n  readFileSync,\r\n  statSync,\r\n} from 'fs';\r\nreadFileSync(statSync);\r\n";
    const output = "import {\r\n  readFileSync,\r\n  statSync,\r\n} from 'fs';\r\nawait readFile(statSync);\r\n";
    expect(cleanup('a.ts', original, output)).toBe("import {\r\n  statSync,\r\n} from 'fs';\r\nawait readFile(statSync);\r\n");
  });

  it('handles TSX', () => {
    const original = "import { readFileSync } from 'fs';\nimport { Box } from './box';\nconst C = () => <Box>{readFileSync('a')}</Box>;\n";
    const output = "import { readFileSync } from 'fs';\nimport { Box } from './box';\nconst C = async () => <Box>{await readFile('a')}</Box>;\n";
    expect(cleanup('a.tsx', original, output)).toBe("import { Box } from './box';\nconst C = async () => <Box>{await readFile('a')}</Box>;\n");
    // JSX itself uses `React` under the classic runtime.
    const react = "import React from 'react';\nconst C = async () => <>{await readFile('a')}</>;\n";
    expect(cleanup('a.jsx', "import React from 'react';\nconst C = () => <>{React.version}</>;\n", react)).toBe(react);
  });
});
