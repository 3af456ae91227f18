#!/usr/bin/env node
// Generates a deterministic project tree for the benchmark: an Express
// codebase in JavaScript and TypeScript (routers, helpers, services, most of
// them with nothing blocking, some reaching fs/child_process/zlib/crypto sync
// calls from handlers through helpers) and a Django project beside it.
//
//   node scripts/gen-bench-tree.mjs <dir> [--areas 400] [--apps 60] [--seed 1]
//
// The same arguments always give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['user', 'order', 'invoice', 'product', 'report', 'upload', 'session', 'search', 'billing', 'inventory', 'shipment', 'notification', 'audit', 'setting', 'export', 'coupon', 'review', 'ticket', 'team', 'webhook'];
const FIELDS = ['id', 'name', 'email', 'status', 'total', 'createdAt', 'updatedAt', 'ownerId', 'currency', 'quantity', 'notes', 'tags'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/**
 * A blocking helper body: the sync call a handler reaches through it.
 * Each returns [imports (CommonJS), imports (ESM), body] for a function named `name`.
 */
const BLOCKING = [
  (name, d) => [
    "const fs = require('fs');\nconst path = require('path');",
    "import fs from 'node:fs';\nimport path from 'node:path';",
    `function ${name}(template) {\n  const file = path.join(TEMPLATE_DIR, '${d}', template + '.html');\n  const html = fs.readFileSync(file, 'utf8');\n  return html.replace(/{{(\\w+)}}/g, (_, key) => key.toUpperCase());\n}`,
  ],
  (name, d) => [
    "const fs = require('fs');",
    "import * as fs from 'fs';",
    `function ${name}(record) {\n  const line = JSON.stringify({ at: Date.now(), kind: '${d}', record });\n  fs.appendFileSync(AUDIT_LOG, line + '\\n');\n  return record;\n}`,
  ],
  (name) => [
    "const { execSync } = require('child_process');",
    "import { execSync } from 'node:child_process';",
    `function ${name}() {\n  const revision = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();\n  return { revision, node: process.version };\n}`,
  ],
  (name) => [
    "const zlib = require('zlib');",
    "import zlib from 'node:zlib';",
    `function ${name}(rows) {\n  const body = Buffer.from(JSON.stringify(rows));\n  return zlib.gzipSync(body, { level: 6 });\n}`,
  ],
  (name) => [
    "const crypto = require('crypto');",
    "import crypto from 'node:crypto';",
    `function ${name}(password, salt) {\n  const key = crypto.pbkdf2Sync(password, salt, 100000, 64, 'sha512');\n  return key.toString('hex');\n}`,
  ],
  (name, d) => [
    "const { readdirSync, statSync } = require('fs');",
    "import { readdirSync, statSync } from 'node:fs';",
    `function ${name}(dir) {\n  return readdirSync(dir)\n    .filter((entry) => entry.startsWith('${d}'))\n    .map((entry) => ({ entry, size: statSync(dir + '/' + entry).size }));\n}`,
  ],
];

const BLOCKING_NAMES = ['load', 'record', 'describe', 'pack', 'hash', 'scan'];

/** How a handler calls each blocking helper, by BLOCKING index. */
const CALL_ARGS = ['req.params.id', 'req.body', '', '[req.params.id]', "req.params.id, 'salt'", "'/srv/data'"];

/** Pure helpers: formatting and validation, the bulk of a real codebase. */
function pureHelpers(d, tag, rand, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const fields = FIELDS.filter(() => rand() < 0.5);
    const kind = i % 3;
    if (kind === 0) {
      out.push({
        name: `validate${cap(d)}${tag}${i}`,
        body: `function validate${cap(d)}${tag}${i}(input) {\n  const errors = [];\n${fields
          .map((f) => `  if (input.${f} === undefined || input.${f} === null) errors.push('${f} is required');`)
          .join('\n')}\n  if (typeof input.id === 'string' && input.id.length > 64) errors.push('id is too long');\n  return { ok: errors.length === 0, errors };\n}`,
      });
    } else if (kind === 1) {
      out.push({
        name: `format${cap(d)}${tag}${i}`,
        body: `function format${cap(d)}${tag}${i}(record, locale = 'en-US') {\n  const amount = new Intl.NumberFormat(locale, { style: 'currency', currency: record.currency || 'EUR' });\n  return {\n${fields
          .map((f) => `    ${f}: record.${f},`)
          .join('\n')}\n    label: \`${d} #\${record.id}\`,\n    price: amount.format(record.total || 0),\n  };\n}`,
      });
    } else {
      out.push({
        name: `paginate${cap(d)}${tag}${i}`,
        body: `function paginate${cap(d)}${tag}${i}(items, page = 1, size = 20) {\n  const start = (Math.max(1, page) - 1) * size;\n  const slice = items.slice(start, start + size);\n  return { items: slice, page, pages: Math.ceil(items.length / size), total: items.length };\n}`,
      });
    }
  }
  return out;
}

function helperModule(area, h, d, rand, blockingKind, esm, ts) {
  const helpers = pureHelpers(d, `${area}${'abc'[h]}`, rand, 2 + Math.floor(rand() * 4));
  let requires = esm ? '' : "'use strict';\n";
  let blockingName;
  if (blockingKind !== undefined) {
    blockingName = BLOCKING_NAMES[blockingKind] + cap(d) + area;
    const [cjs, mjs, body] = BLOCKING[blockingKind](blockingName, d);
    requires += `${esm ? mjs : cjs}\n\nconst TEMPLATE_DIR = '/srv/templates';\nconst AUDIT_LOG = '/var/log/app/${d}.log';\n`;
    helpers.push({ name: blockingName, body });
  }
  const bodies = helpers.map((h) => (ts ? h.body.replace(/^function (\w+)\(([^)]*)\)/, (_, n, params) => `function ${n}(${params.split(',').map((p) => p.trim()).filter(Boolean).map((p) => (p.includes('=') ? p : `${p}: any`)).join(', ')})`) : h.body));
  const names = helpers.map((h) => h.name);
  const exportsText = esm ? `export { ${names.join(', ')} };\n` : `module.exports = { ${names.join(', ')} };\n`;
  return { text: `${requires}\n${bodies.join('\n\n')}\n\n${exportsText}`, names, blockingName };
}

function routerModule(area, d, helperFiles, esm, ts) {
  const imports = [];
  const calls = [];
  for (const h of helperFiles) {
    const spec = `../../lib/${h.file.replace(/\.(ts|js)$/, esm ? '.js' : '')}`;
    imports.push(esm ? `import { ${h.names.join(', ')} } from '${spec}';` : `const { ${h.names.join(', ')} } = require('${spec}');`);
    calls.push(...h.names.map((n) => ({ name: n, blocking: n === h.blockingName, args: h.args })));
  }
  const head = esm ? `import express from 'express';\n${imports.join('\n')}` : `'use strict';\nconst express = require('express');\n${imports.join('\n')}`;
  const req = ts ? 'req: express.Request, res: express.Response, next: express.NextFunction' : 'req, res, next';
  const routes = [];
  const list = calls.find((c) => c.name.startsWith('paginate'));
  routes.push(
    `router.get('/${d}s', (${req}) => {\n  const items = Array.from({ length: 50 }, (_, i) => ({ id: String(i), total: i * 3 }));\n  res.json(${list ? `${list.name}(items, Number(req.query.page) || 1)` : 'items'});\n});`,
  );
  for (const c of calls) {
    if (c.name.startsWith('validate')) {
      routes.push(`router.post('/${d}s/${c.name.toLowerCase()}', (${req}) => {\n  const result = ${c.name}(req.body || {});\n  if (!result.ok) return res.status(422).json(result);\n  res.status(201).json({ id: '${area}' });\n});`);
    } else if (c.name.startsWith('format')) {
      routes.push(`router.get('/${d}s/:id/${c.name.toLowerCase()}', (${req}) => {\n  res.json(${c.name}({ id: req.params.id, total: 12.5 }));\n});`);
    } else if (c.blocking) {
      routes.push(
        `router.get('/${d}s/:id/${c.name.toLowerCase()}', (${req}) => {\n  try {\n    const value = ${c.name}(${c.args});\n    res.send(value);\n  } catch (err) {\n    next(err);\n  }\n});`,
      );
    }
  }
  const exportLine = esm ? 'export default router;' : 'module.exports = router;';
  return `${head}\n\nconst router = express.Router();\n\n${routes.join('\n\n')}\n\n${exportLine}\n`;
}

function serviceModule(area, d) {
  const name = `${cap(d)}Service${area}`;
  return `export interface ${cap(d)}${area} {\n  id: string;\n  total: number;\n  status: 'open' | 'closed';\n}\n\nexport class ${name} {\n  private readonly items = new Map<string, ${cap(d)}${area}>();\n\n  add(item: ${cap(d)}${area}): void {\n    this.items.set(item.id, item);\n  }\n\n  find(id: string): ${cap(d)}${area} | undefined {\n    return this.items.get(id);\n  }\n\n  open(): ${cap(d)}${area}[] {\n    return [...this.items.values()].filter((i) => i.status === 'open').sort((a, b) => a.total - b.total);\n  }\n\n  async totals(): Promise<number> {\n    let sum = 0;\n    for (const item of this.items.values()) sum += item.total;\n    return sum;\n  }\n}\n`;
}

/**
 * Classes wired through their constructors, in chains of ten modules
 * (`new Repo5(new Repo4(...))`): resolving `this.upstream.read()` follows
 * every `new` of each class, so a resolver that walks these chains again at
 * each use shows up here as time.
 */
function wiringModule(area) {
  const first = area % 10 === 0;
  const prev = area - 1;
  const head = first ? "'use strict';\nconst fs = require('fs');\n" : `'use strict';\nconst { Repo${prev}, wire${prev} } = require('./wiring-${prev}');\n`;
  const read = first ? "return JSON.parse(fs.readFileSync(`/srv/data/${id}.json`, 'utf8'));" : 'return this.upstream.read(id);';
  const make = first ? `new Repo${area}(null)` : `new Repo${area}(new Repo${prev}(wire${prev}().repo.upstream))`;
  return `${head}
class Repo${area} {
  constructor(upstream) {
    this.upstream = upstream;
  }

  read(id) {
    ${read}
  }
}

class Service${area} {
  constructor(repo) {
    this.repo = repo;
  }

  get(id) {
    return { id, value: this.repo.read(id) };
  }
}

function wire${area}() {
  return new Service${area}(${make});
}

module.exports = { Repo${area}, Service${area}, wire${area} };
`;
}

function djangoApp(app, d, rand) {
  const model = cap(d) + app;
  const blocking = rand() < 0.4;
  const models = `from django.db import models\n\n\nclass ${model}(models.Model):\n    name = models.CharField(max_length=200)\n    total = models.DecimalField(max_digits=10, decimal_places=2)\n    active = models.BooleanField(default=True)\n    created = models.DateTimeField(auto_now_add=True)\n\n    def __str__(self):\n        return self.name\n`;
  const views = `${blocking ? 'import time\n\nimport requests\n' : ''}from django.http import JsonResponse\nfrom django.shortcuts import get_object_or_404\n\nfrom .models import ${model}\nfrom .services import summarize\n\n\ndef ${d}_list(request):\n    items = ${model}.objects.filter(active=True).order_by("-created")[:50]\n    return JsonResponse({"items": [summarize(i) for i in items]})\n\n\ndef ${d}_detail(request, pk):\n    item = get_object_or_404(${model}, pk=pk)\n    return JsonResponse(summarize(item))\n${
    blocking
      ? `\n\ndef ${d}_sync(request, pk):\n    item = ${model}.objects.get(pk=pk)\n    time.sleep(0.05)\n    response = requests.get(f"https://api.example.com/${d}s/{pk}", timeout=5)\n    item.name = response.json()["name"]\n    item.save()\n    return JsonResponse(summarize(item))\n`
      : ''
  }`;
  const services = `def summarize(item):\n    return {"id": item.pk, "name": item.name, "total": str(item.total)}\n`;
  const urls = `from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("${d}s/", views.${d}_list),\n    path("${d}s/<int:pk>/", views.${d}_detail),\n${blocking ? `    path("${d}s/<int:pk>/sync/", views.${d}_sync),\n` : ''}]\n`;
  return { models, views, services, urls, blocking };
}

/** Writes the tree under `dir`; returns counts. */
export function generateTree(dir, { areas = 400, apps = 60, seed = 1 } = {}) {
  const rand = prng(seed);
  let files = 0;
  let blockingFiles = 0;
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    files++;
  };

  write('package.json', `${JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true, dependencies: { express: '^4.21.0' } }, null, 2)}\n`);
  write('tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: false, allowJs: true } }, null, 2)}\n`);
  write('requirements.txt', 'Django==4.2.16\nrequests==2.32.3\n');

  for (let area = 0; area < areas; area++) {
    const d = DOMAINS[area % DOMAINS.length];
    const ts = rand() < 0.4;
    const esm = ts || rand() < 0.3;
    const ext = ts ? 'ts' : 'js';
    const helperFiles = [];
    for (let h = 0; h < 3; h++) {
      // About one area in four reaches a blocking call, through one helper.
      const blockingKind = h === 0 && rand() < 0.25 ? Math.floor(rand() * BLOCKING.length) : undefined;
      const file = `${d}/${d}-helpers-${area}-${h}.${ext}`;
      const mod = helperModule(area, h, d, rand, blockingKind, esm, ts);
      if (mod.blockingName) blockingFiles++;
      write(`src/lib/${file}`, mod.text);
      helperFiles.push({ file, names: mod.names, blockingName: mod.blockingName, args: blockingKind === undefined ? '' : CALL_ARGS[blockingKind] });
    }
    write(`src/routes/${d}/${d}-routes-${area}.${ext}`, routerModule(area, d, helperFiles, esm, ts));
    write(`src/services/${d}/${d}-service-${area}.ts`, serviceModule(area, d));
    write(`src/wiring/wiring-${area}.js`, wiringModule(area));
  }

  for (let app = 0; app < apps; app++) {
    const d = DOMAINS[(app * 7) % DOMAINS.length];
    const a = djangoApp(app, d, rand);
    const base = `backend/${d}${app}`;
    write(`${base}/__init__.py`, '');
    write(`${base}/models.py`, a.models);
    write(`${base}/views.py`, a.views);
    write(`${base}/services.py`, a.services);
    write(`${base}/urls.py`, a.urls);
    if (a.blocking) blockingFiles++;
  }
  return { files, blockingFiles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: node scripts/gen-bench-tree.mjs <dir> [--areas 400] [--apps 60] [--seed 1]');
    process.exit(2);
  }
  const num = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const counts = generateTree(path.resolve(dir), { areas: num('--areas', 400), apps: num('--apps', 60), seed: num('--seed', 1) });
  console.log(`${dir}: ${counts.files} files, ${counts.blockingFiles} with blocking calls`);
}
