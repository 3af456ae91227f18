'use strict';
const { describe, it, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const request = require('supertest');
const { createApp } = require('../src/app');
const { freshDataDir, removeDataDir, readJson } = require('./support');

describe('users, sessions and the order archive', () => {
  let dir;
  let app;
  beforeEach(() => {
    dir = freshDataDir();
    app = createApp();
  });
  afterEach(() => removeDataDir(dir));

  async function signIn() {
    await request(app).post('/users').send({ name: 'ada', password: 'correct horse' }).expect(201);
    const res = await request(app).post('/sessions').send({ name: 'ada', password: 'correct horse' }).expect(201);
    return res.body.token;
  }

  it('registers a user with a hashed password and an API key', async () => {
    const res = await request(app).post('/users').send({ name: 'ada', password: 'correct horse' }).expect(201);
    assert.equal(res.body.name, 'ada');
    assert.match(res.body.apiKey, /^[A-Za-z0-9_-]{32}$/);
    const stored = readJson(dir, 'users', 'ada.json');
    assert.match(stored.password, /^[0-9a-f]{32}:[0-9a-f]{64}$/);
    assert.equal(stored.apiKey, res.body.apiKey);
    // The key is derived, so it is the same in another data dir.
    const other = freshDataDir();
    try {
      const again = await request(app).post('/users').send({ name: 'ada', password: 'another one' }).expect(201);
      assert.equal(again.body.apiKey, res.body.apiKey);
    } finally {
      removeDataDir(other);
      process.env.SHOP_DATA_DIR = dir;
    }
  });

  it('refuses a duplicate or invalid user', async () => {
    await request(app).post('/users').send({ name: 'ada', password: 'correct horse' }).expect(201);
    await request(app).post('/users').send({ name: 'ada', password: 'correct horse' }).expect(409, { error: 'user ada already exists' });
    await request(app).post('/users').send({ name: 'A!', password: 'correct horse' }).expect(400);
    await request(app).post('/users').send({ name: 'bob', password: 'short' }).expect(400, { error: 'password must have at least 8 characters' });
  });

  it('opens a session for the right password only', async () => {
    await request(app).post('/users').send({ name: 'ada', password: 'correct horse' }).expect(201);
    const res = await request(app).post('/sessions').send({ name: 'ada', password: 'correct horse' }).expect(201);
    assert.match(res.body.token, /^[0-9a-f]{48}$/);
    assert.equal(res.body.user, 'ada');
    assert.ok(res.body.expires > Date.now());
    await request(app).post('/sessions').send({ name: 'ada', password: 'wrong horse' }).expect(401, { error: 'invalid credentials' });
    await request(app).post('/sessions').send({ name: 'nobody', password: 'correct horse' }).expect(401, { error: 'invalid credentials' });
  });

  it('exports orders as gzipped JSON to a signed-in user', async () => {
    await request(app).get('/export').expect(401, { error: 'login required' });
    const token = await signIn();
    await request(app)
      .post('/orders')
      .send({ customer: 'ada', items: [{ productId: 1, quantity: 1 }] })
      .expect(201);
    const res = await request(app)
      .get('/export')
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    assert.equal(res.headers['content-type'], 'application/gzip');
    assert.match(res.headers['content-disposition'], /orders\.json\.gz/);
    const payload = JSON.parse(zlib.gunzipSync(res.body).toString('utf8'));
    assert.equal(payload.format, 'express-shop/orders@1');
    assert.deepEqual(
      payload.orders.map((o) => [o.id, o.customer, o.total]),
      [[1, 'ada', 2450]],
    );
  });

  it('imports a gzipped export', async () => {
    const token = await signIn();
    const orders = [
      { id: 7, customer: 'eve', lines: [], total: 0, placedAt: '2024-01-01T00:00:00.000Z' },
      { id: 8, customer: 'eve', lines: [], total: 0, placedAt: '2024-01-02T00:00:00.000Z' },
    ];
    const body = zlib.gzipSync(JSON.stringify({ format: 'express-shop/orders@1', orders }));
    await request(app)
      .post('/import')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/gzip')
      .send(body)
      .expect(200, { imported: 2 });
    assert.deepEqual(readJson(dir, 'orders', '8.json'), orders[1]);
    const listed = await request(app).get('/orders?customer=eve').expect(200);
    assert.deepEqual(
      listed.body.map((o) => o.id),
      [7, 8],
    );
  });

  it('refuses an import that is not a gzipped export', async () => {
    const token = await signIn();
    const res = await request(app)
      .post('/import')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/gzip')
      .send(Buffer.from('plain text, not gzip'))
      .expect(400);
    assert.match(res.body.error, /^not a gzipped order export: /);
    await request(app)
      .post('/import')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/gzip')
      .send(zlib.gzipSync('{"format":"other"}'))
      .expect(400, { error: 'not a gzipped order export: unknown format' });
    await request(app)
      .post('/import')
      .set('authorization', `Bearer ${token}`)
      .send({ orders: [] })
      .expect(415);
    await request(app).post('/import').set('content-type', 'application/gzip').send(zlib.gzipSync('{}')).expect(401);
  });
});
