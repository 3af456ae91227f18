// A fixture git repository for pull-request tests: an Express app on `main` (the base)
// and the contributor's change to it (HEAD_APP), all code written for these tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@awaitify', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

// The base: an Express app whose one async handler already reads with fs/promises, a
// helper that reads synchronously, and a legacy module that the pull request leaves alone.
export const BASE: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'shop', dependencies: { express: '^4.21.0' } }, null, 2)}\n`,
  'src/app.js': `const express = require('express');
const { readFile } = require('fs/promises');
const { loadPrices } = require('./prices');
require('./legacy');

const app = express();

app.get('/health', async (req, res) => {
  res.send(await readFile('health.txt', 'utf8'));
});

module.exports = app;
`,
  'src/prices.js': `const fs = require('fs');

function loadPrices() {
  return JSON.parse(fs.readFileSync('prices.json', 'utf8'));
}

module.exports = { loadPrices };
`,
  'src/legacy.js': `const fs = require('fs');
const express = require('express');

const router = express.Router();
router.get('/legacy', (req, res) => {
  res.send(fs.readFileSync('legacy.txt', 'utf8'));
});

module.exports = router;
`,
};

// The contributor's pull request: two routes with blocking calls in app.js.
export const HEAD_APP = `const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');
const { loadPrices } = require('./prices');
require('./legacy');

const app = express();

app.get('/health', async (req, res) => {
  res.send(await readFile('health.txt', 'utf8'));
});

app.get('/notes', (req, res) => {
  const notes = fs.readFileSync('notes.txt', 'utf8');
  res.type('text').send(notes);
});

app.get('/prices', (req, res) => {
  res.json(loadPrices());
});

module.exports = app;
`;

/** A new repository in `dir` holding BASE, committed on `main`. */
export function baseRepo(dir: string): string {
  writeTree(dir, BASE);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

/** A counter kept in a file: an exists-check, a read and a write of one path (an interleaving hazard once async: review). */
export const COUNTER_JS = `const fs = require('fs');

function bump(file) {
  const n = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) + 1 : 1;
  fs.writeFileSync(file, String(n));
  return n;
}

module.exports = { bump };
`;
