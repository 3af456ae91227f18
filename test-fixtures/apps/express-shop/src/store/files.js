'use strict';
// Low-level file helpers the JSON store is built on.
const { readFileSync: rf, writeFileSync, readdirSync, statSync, existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

function ensureDir(dir) {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

function readText(file) {
  return rf(file, 'utf8');
}

function writeText(file, text) {
  ensureDir(path.dirname(file));
  writeFileSync(file, text);
}

function listJsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.json'));
}

function modifiedAt(file) {
  return statSync(file).mtime.toISOString();
}

module.exports = { ensureDir, readText, writeText, listJsonFiles, modifiedAt };
