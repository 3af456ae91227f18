'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const request = require('supertest');
const { createApp } = require('../src/app');
const { freshDataDir, removeDataDir } = require('./support');

let dir;
beforeEach(() => {
  dir = freshDataDir();
});
afterEach(() => removeDataDir(dir));

test('GET /health', async () => {
  await request(createApp()).get('/health').expect(200, { ok: true });
});

test('GET /system reports the runtime through a child process', async () => {
  const res = await request(createApp()).get('/system').expect(200);
  assert.equal(res.body.node, process.version);
  assert.equal(res.body.cpus, os.cpus().length);
  assert.equal(res.body.pid, process.pid);
});

test('unknown routes go through the error middleware', async () => {
  await request(createApp()).get('/nope').expect(404, { error: 'no route for GET /nope' });
});

test('a failure while logging an error still ends the request with a 500', async () => {
  fs.writeFileSync(path.join(dir, 'products', '7.json'), '{"id": 7, ');
  // A file where the log folder should be: writing the log fails with ENOTDIR.
  fs.writeFileSync(path.join(dir, 'logs'), '');
  await request(createApp()).get('/products/7').expect(500);
});

test('a client over its budget is slowed down, not refused', async () => {
  const app = createApp({ throttle: { max: 2, delayMs: 40 } });
  const first = await request(app).get('/health').expect(200);
  assert.equal(first.headers['x-throttled'], undefined);
  await request(app).get('/health').expect(200);
  const started = Date.now();
  const third = await request(app).get('/health').expect(200, { ok: true });
  assert.equal(third.headers['x-throttled'], '40');
  assert.ok(Date.now() - started >= 35, 'the third request waited');
});
