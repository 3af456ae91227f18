'use strict';
// A JSON document store: one file per record, one folder per collection, under the data dir.
const fs = require('fs');
const path = require('path');
const { dataDir } = require('../config');
const { HttpError, NotFoundError } = require('../errors');
const files = require('./files');
const { backoff } = require('../util/backoff');

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

function collectionDir(collection) {
  return path.join(dataDir(), collection);
}

function recordFile(collection, id) {
  if (!ID_PATTERN.test(String(id))) {
    throw new HttpError(400, `invalid id: ${id}`);
  }
  return path.join(collectionDir(collection), `${id}.json`);
}

function readRecord(collection, id) {
  const file = recordFile(collection, id);
  let text;
  try {
    text = files.readText(file);
  } catch (err) {
    if (err.code === 'ENOENT') throw new NotFoundError(`${collection}/${id} not found`);
    throw err;
  }
  return JSON.parse(text);
}

function hasRecord(collection, id) {
  return fs.existsSync(recordFile(collection, id));
}

function writeRecord(collection, id, record) {
  files.writeText(recordFile(collection, id), JSON.stringify(record, null, 2) + '\n');
  return record;
}

function byId(a, b) {
  return String(a.id).localeCompare(String(b.id), 'en', { numeric: true });
}

function listRecords(collection) {
  const dir = collectionDir(collection);
  const records = files.listJsonFiles(dir).map((name) => readRecord(collection, path.basename(name, '.json')));
  return records.sort(byId);
}

function recordInfo(collection, id) {
  const file = recordFile(collection, id);
  if (!fs.existsSync(file)) {
    throw new NotFoundError(`${collection}/${id} not found`);
  }
  return { id: String(id), modified: files.modifiedAt(file), size: fs.statSync(file).size };
}

// A lock is a directory: mkdir either creates it or fails with EEXIST, atomically.
function acquireLock(lock) {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST' || attempt >= 8) throw err;
      backoff(attempt);
    }
  }
}

// Ids are sequence numbers kept in a counter file per collection.
function nextId(collection) {
  const dir = files.ensureDir(collectionDir(collection));
  const lock = path.join(dir, '.lock');
  acquireLock(lock);
  try {
    const counter = path.join(dir, '.counter');
    const current = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0;
    fs.writeFileSync(counter, String(current + 1));
    return current + 1;
  } finally {
    fs.rmdirSync(lock);
  }
}

module.exports = { readRecord, hasRecord, writeRecord, listRecords, recordInfo, nextId };
