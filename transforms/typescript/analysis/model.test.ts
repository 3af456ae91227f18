// Name resolution through `var` declarations (collected per function scope, the walk skipped where the text holds no `var`). Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from '../test-helpers.js';

const handler = (body: string) => `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  ${body}\n});\n`;

describe('var declarations', () => {
  it('resolves a var declared in a nested block of the function, and a name of the file from a function with no var', async () => {
    const src = `function load() {\n  return blockingRead('x');\n}\nvar top = load;\nfunction pick(c) {\n  if (c) {\n    var f = load;\n  }\n  return f() + top();\n}\nfunction plain() {\n  return top();\n}\n${handler('res.send(pick(1) + plain());')}`;
    const r = await migrateFiles({ 'a.js': src }, { targets: { express: '5' } });
    // `f` is found only by the walk of pick's body; plain's body has no `var`, so its walk is skipped and `top` is found in the file.
    expect(r.out['a.js']).toBe("async function load() {\n  return await read('x');\n}\nvar top = load;\nasync function pick(c) {\n  if (c) {\n    var f = load;\n  }\n  return (await f()) + (await top());\n}\nasync function plain() {\n  return await top();\n}\nconst express = require('express');\nconst app = express();\napp.get('/', async (req, res) => {\n  res.send((await pick(1)) + (await plain()));\n});\n");
  });
});
