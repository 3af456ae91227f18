// Interleaving hazards end to end with the real catalog: which pairs are
// reported, and which are not (different subjects, locals, a window that
// already awaited, idempotent acts). Exact comparisons of the reported lines.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from '../test-helpers.js';

function handler(body: string[], prelude: string[] = []): Record<string, string> {
  return {
    'app.js': ["const fs = require('fs');", "const express = require('express');", ...prelude, 'const app = express();', "app.post('/x', (req, res) => {", ...body.map((l) => `  ${l}`), '  res.sendStatus(204);', '});', ''].join('\n'),
  };
}

async function hazards(files: Record<string, string>, safety: 'safe' | 'review' = 'review'): Promise<string[]> {
  const r = await migrateFiles(files, { real: true, safety, targets: { express: '5' } });
  return r.result.findings.filter((f) => f.rule === 'interleaving-hazard').map((f) => `${f.line} ${f.safety}: ${f.message.slice(0, f.message.indexOf(', which') > 0 ? f.message.indexOf(', which') : f.message.indexOf(' were atomic'))}`);
}

describe('interleaving hazards', () => {
  it('reports a read of shared state before an awaited call and the write after it', async () => {
    const files = handler(['total = total + Number(fs.readFileSync(req.query.f, "utf8"));'], ['let total = 0;']);
    expect(await hazards(files)).toEqual(['6 review: `total` is read at line 6 and assigned at line 6']);
  });

  it('reports a fixed temporary name written and then renamed', async () => {
    const files = handler(["fs.writeFileSync('out.tmp', req.query.text);", "fs.renameSync('out.tmp', 'out.txt');"]);
    expect(await hazards(files)).toEqual(["5 review: `fs.writeFileSync('out.tmp', req.query.text)` at line 5 and `fs.renameSync('out.tmp', 'out.txt')` at line 6"]);
  });

  it('reports nothing for locals, different paths, a check before a read, a recursive mkdir or an atomic increment', async () => {
    const files = handler(
      [
        "let seen = JSON.parse(fs.readFileSync('a.json', 'utf8'));",
        'seen = seen.concat(req.query.ids);',
        "fs.writeFileSync('b.json', JSON.stringify(seen));",
        "const text = fs.existsSync('c.txt') ? fs.readFileSync('c.txt', 'utf8') : '';",
        "if (!fs.existsSync('logs')) fs.mkdirSync('logs', { recursive: true });",
        'hits++;',
        'res.locals.text = text;',
      ],
      ['let hits = 0;'],
    );
    expect(await hazards(files)).toEqual([]);
  });

  it("treats a handler's locals as its own inside a forEach callback, and a factory's locals as shared by the methods it returns", async () => {
    const inCallback = handler(['const seen = {};', 'req.body.names.forEach((name) => {', '  if (!seen[name]) seen[name] = fs.readFileSync(name, "utf8");', '});', 'res.locals.seen = seen;']);
    expect(await hazards(inCallback)).toEqual([]);
    const factory = {
      'app.js': [
        "const fs = require('fs');",
        "const express = require('express');",
        'function createStore() {',
        '  let data;',
        '  return {',
        '    get() {',
        "      if (!data) data = fs.readFileSync('store.json', 'utf8');",
        '      return data;',
        '    },',
        '  };',
        '}',
        'const store = createStore();',
        'const app = express();',
        "app.get('/x', (req, res) => res.send(store.get()));",
        '',
      ].join('\n'),
    };
    expect(await hazards(factory)).toEqual(['7 review: `data` is checked at line 7 and assigned at line 7']);
  });

  it('reports nothing when the window already awaited', async () => {
    const files = {
      'app.js': [
        "const fs = require('fs');",
        "const express = require('express');",
        'let cache;',
        'const app = express();',
        "app.get('/x', async (req, res) => {",
        '  if (!cache) {',
        '    await new Promise((r) => setTimeout(r, 1));',
        "    cache = fs.readFileSync('c.json', 'utf8');",
        '  }',
        '  res.send(cache);',
        '});',
        '',
      ].join('\n'),
    };
    expect(await hazards(files)).toEqual([]);
  });

  it('keeps a function whose only new await is in a window sync under --safety safe, and reports it as not applied', async () => {
    const files = handler(['if (!cache) cache = fs.readFileSync(req.query.f, "utf8");'], ['let cache;']);
    const r = await migrateFiles(files, { real: true, safety: 'safe', targets: { express: '5' } });
    expect(r.out['app.js']).toBe(files['app.js']);
    expect(r.result.findings.map((f) => `${f.rule} ${f.safety}${f.applied ? ' applied' : ''}`)).toEqual(['interleaving-hazard manual', 'fs-sync-call review']);
  });
});
