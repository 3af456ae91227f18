import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../src/app.js';
import type { Note, PublicUser } from '../src/types.js';
import { basic, freshDataDir, removeDataDir } from './support.js';

describe('notes service', () => {
  let dir: string;
  let app: Express;
  beforeEach(() => {
    dir = freshDataDir();
    app = createApp();
  });
  afterEach(() => removeDataDir(dir));

  async function signUp(name = 'ada'): Promise<{ user: PublicUser; auth: string }> {
    const res = await request(app).post('/users').send({ name, secret: 'correct horse' }).expect(201);
    return { user: res.body as PublicUser, auth: basic((res.body as PublicUser).id, 'correct horse') };
  }

  it('creates a user and reads it back without the secret', async () => {
    const { user } = await signUp();
    assert.match(user.id, /^[0-9a-f]{16}$/);
    assert.equal(user.name, 'ada');
    assert.equal(user.role, 'member');
    assert.equal('secretHash' in user, false);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'users', `${user.id}.json`), 'utf8'));
    assert.match(stored.secretHash, /^[0-9a-f]{32}:[0-9a-f]{64}$/);
    const res = await request(app).get(`/users/${user.id}`).expect(200);
    assert.deepEqual(res.body, user);
  });

  it('counts the most frequent words of a text', async () => {
    const res = await request(app).post('/stats/words').send({ text: 'To be, or not to be: that is the question.', limit: 3 }).expect(200);
    assert.deepEqual(res.body, [
      { word: 'be', count: 2 },
      { word: 'to', count: 2 },
      { word: 'is', count: 1 },
    ]);
    await request(app).post('/stats/words').send({}).expect(400, { error: 'text is required' });
  });

  it('validates new users', async () => {
    await request(app).post('/users').send({ name: 'ada' }).expect(400, { error: 'name and secret are required' });
    await request(app).post('/users').send({ name: 'ada', secret: 'short' }).expect(400, { error: 'secret must have at least 8 characters' });
  });

  it('answers 404 for a user file that does not exist, 400 for a bad id', async () => {
    await request(app).get('/users/0123456789abcdef').expect(404, { error: 'user 0123456789abcdef not found' });
    await request(app).get('/users/NOT.AN.ID').expect(400, { error: 'invalid id: NOT.AN.ID' });
  });

  it('answers 500 for a corrupt user file', async () => {
    fs.mkdirSync(path.join(dir, 'users'));
    fs.writeFileSync(path.join(dir, 'users', 'broken.json'), '{');
    await request(app).get('/users/broken').expect(500, { error: 'internal error' });
  });

  it('requires valid credentials for notes', async () => {
    const { user } = await signUp();
    await request(app).get('/notes').expect(401, { error: 'credentials required' });
    await request(app).get('/notes').set('authorization', basic(user.id, 'wrong horse')).expect(401, { error: 'invalid credentials' });
    await request(app).get('/notes').set('authorization', basic('feedfacefeedface', 'correct horse')).expect(401, { error: 'invalid credentials' });
  });

  it('creates, lists and reads notes of the signed-in user only', async () => {
    const ada = await signUp('ada');
    const bob = await signUp('bob');
    const first = await request(app).post('/notes').set('authorization', ada.auth).send({ title: ' Groceries ', body: 'milk' }).expect(201);
    const note = first.body as Note;
    assert.equal(note.title, 'Groceries');
    assert.equal(note.owner, ada.user.id);
    await request(app).post('/notes').set('authorization', ada.auth).send({ title: 'Ideas' }).expect(201);
    await request(app).post('/notes').set('authorization', bob.auth).send({ title: 'Bob' }).expect(201);
    await request(app).post('/notes').set('authorization', ada.auth).send({ body: 'no title' }).expect(400, { error: 'title is required' });

    const list = await request(app).get('/notes').set('authorization', ada.auth).expect(200);
    assert.deepEqual(
      (list.body as Array<Note & { bytes: number }>).map((n) => n.title),
      ['Groceries', 'Ideas'],
    );
    const size = fs.statSync(path.join(dir, 'notes', `${note.id}.json`)).size;
    assert.equal(list.body[0].bytes, size);

    await request(app).get(`/notes/${note.id}`).set('authorization', ada.auth).expect(200, note);
    await request(app).get(`/notes/${note.id}`).set('authorization', bob.auth).expect(404, { error: `note ${note.id} not found` });
    await request(app).get('/notes/0000000000000000').set('authorization', ada.auth).expect(404, { error: 'note 0000000000000000 not found' });
  });

  it('backs notes up as gzip and restores them for another user', async () => {
    const ada = await signUp('ada');
    const bob = await signUp('bob');
    await request(app).post('/notes').set('authorization', ada.auth).send({ title: 'One', body: '1' }).expect(201);
    await request(app).post('/notes').set('authorization', ada.auth).send({ title: 'Two', body: '2' }).expect(201);
    const backup = await request(app)
      .get('/backup')
      .set('authorization', ada.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    assert.equal(backup.headers['content-type'], 'application/gzip');
    const archive = backup.body as Buffer;
    const payload = JSON.parse(gunzipSync(archive).toString('utf8')) as { format: string; notes: Note[] };
    assert.equal(payload.format, 'notes-backup@1');
    assert.deepEqual(
      payload.notes.map((n) => n.title),
      ['One', 'Two'],
    );

    await request(app).post('/restore').set('authorization', bob.auth).set('content-type', 'application/gzip').send(archive).expect(200, { restored: 2 });
    const list = await request(app).get('/notes').set('authorization', bob.auth).expect(200);
    assert.deepEqual(
      (list.body as Note[]).map((n) => [n.title, n.owner]),
      [
        ['One', bob.user.id],
        ['Two', bob.user.id],
      ],
    );
  });

  it('refuses a restore that is not a gzipped backup', async () => {
    const ada = await signUp();
    await request(app).post('/restore').set('authorization', ada.auth).set('content-type', 'application/gzip').send(Buffer.from('nope')).expect(400, { error: 'not a gzipped notes backup' });
    await request(app)
      .post('/restore')
      .set('authorization', ada.auth)
      .set('content-type', 'application/gzip')
      .send(gzipSync('{"format":"v0"}'))
      .expect(400, { error: 'unknown backup format' });
    await request(app).post('/restore').set('authorization', ada.auth).send({ notes: [] }).expect(415, { error: 'send the backup as application/gzip' });
  });
});
