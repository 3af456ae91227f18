// The helpers behind the handlers, called directly.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { backupNotes, restoreNotes } from '../src/backup.js';
import { FileNoteStore } from '../src/notes/store.js';
import { checkSecret, hashSecret } from '../src/security.js';
import { authenticate, createUser, loadUser } from '../src/users.js';
import { freshDataDir, removeDataDir } from './support.js';

let dir: string;
beforeEach(() => {
  dir = freshDataDir();
});
afterEach(() => removeDataDir(dir));

test('hashSecret salts, checkSecret verifies', () => {
  const stored = hashSecret('correct horse');
  assert.notEqual(hashSecret('correct horse'), stored);
  assert.equal(hashSecret('correct horse', stored.split(':')[0]), stored);
  assert.equal(checkSecret('correct horse', stored), true);
  assert.equal(checkSecret('wrong horse', stored), false);
});

test('createUser stores a user that loadUser and authenticate find', () => {
  const created = createUser('grace', 'correct horse', 'admin');
  const loaded = loadUser(created.id);
  assert.equal(loaded.name, 'grace');
  assert.equal(loaded.role, 'admin');
  assert.equal(authenticate(created.id, 'correct horse').id, created.id);
});

test('the file store lists notes by creation time and owner', () => {
  const store = new FileNoteStore(path.join(dir, 'notes'));
  assert.deepEqual(store.list(), []);
  store.save({ id: 'b', owner: 'u1', title: 'B', body: '', createdAt: '2024-01-02T00:00:00.000Z' });
  store.save({ id: 'a', owner: 'u2', title: 'A', body: '', createdAt: '2024-01-03T00:00:00.000Z' });
  store.save({ id: 'c', owner: 'u1', title: 'C', body: '', createdAt: '2024-01-01T00:00:00.000Z' });
  assert.deepEqual(
    store.list().map((n) => n.id),
    ['c', 'b', 'a'],
  );
  assert.deepEqual(
    store.list('u1').map((n) => n.id),
    ['c', 'b'],
  );
  assert.equal(store.get('a').title, 'A');
  assert.ok(store.sizeOf('a') > 0);
});

test('a backup restores into another store', () => {
  const source = new FileNoteStore(path.join(dir, 'source'));
  const target = new FileNoteStore(path.join(dir, 'target'));
  source.save({ id: 'n1', owner: 'u1', title: 'One', body: '1', createdAt: '2024-01-01T00:00:00.000Z' });
  const archive = backupNotes(source, 'u1');
  assert.equal(restoreNotes(target, 'u9', archive), 1);
  assert.equal(target.get('n1').owner, 'u9');
});
