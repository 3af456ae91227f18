import * as path from 'node:path';
import { dataDir } from './config.js';
import { checkSecret, hashSecret, newId } from './security.js';
import { checkId, readJson, writeJson } from './storage.js';
import { HttpError, type PublicUser, type Role, type User } from './types.js';

function userFile(id: string): string {
  return path.join(dataDir(), 'users', `${checkId(id)}.json`);
}

export function loadUser(id: string): User {
  return readJson<User>(userFile(id), `user ${id}`);
}

export function toPublic(user: User): PublicUser {
  const { secretHash: _secret, ...rest } = user;
  return rest;
}

export function createUser(name: string, secret: string, role: Role = 'member'): PublicUser {
  if (name.trim() === '') throw new HttpError(400, 'name is required');
  if (secret.length < 8) throw new HttpError(400, 'secret must have at least 8 characters');
  const user: User = { id: newId(), name: name.trim(), role, secretHash: hashSecret(secret), createdAt: new Date().toISOString() };
  writeJson(userFile(user.id), user);
  return toPublic(user);
}

/** The user whose id and secret are given, or a 401. */
export function authenticate(id: string | undefined, secret: string | undefined): User {
  if (!id || !secret) throw new HttpError(401, 'credentials required');
  let user: User;
  try {
    user = loadUser(id);
  } catch (err) {
    if (err instanceof HttpError && err.status !== 500) throw new HttpError(401, 'invalid credentials');
    throw err;
  }
  if (!checkSecret(secret, user.secretHash)) throw new HttpError(401, 'invalid credentials');
  return user;
}
