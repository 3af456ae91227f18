'use strict';
const store = require('../store/jsonStore');
const { HttpError } = require('../errors');
const { hashPassword, verifyPassword } = require('./passwords');
const { apiKeyFor, newSessionToken } = require('./tokens');

const SESSION_TTL_MS = 60 * 60 * 1000;
const NAME_PATTERN = /^[a-z][a-z0-9_-]{2,31}$/;

class Session {
  constructor(user) {
    this.token = newSessionToken();
    this.user = user.name;
    this.expires = Date.now() + SESSION_TTL_MS;
  }
}

const sessions = new Map();

function registerUser(name, password) {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new HttpError(400, 'name must be 3-32 lowercase letters, digits, _ or -');
  }
  if (typeof password !== 'string' || password.length < 8) {
    throw new HttpError(400, 'password must have at least 8 characters');
  }
  if (store.hasRecord('users', name)) {
    throw new HttpError(409, `user ${name} already exists`);
  }
  const user = { name, password: hashPassword(password), apiKey: apiKeyFor(name), createdAt: new Date().toISOString() };
  store.writeRecord('users', name, user);
  return { name: user.name, apiKey: user.apiKey };
}

function login(name, password) {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || !store.hasRecord('users', name)) {
    throw new HttpError(401, 'invalid credentials');
  }
  const user = store.readRecord('users', name);
  if (typeof password !== 'string' || !verifyPassword(password, user.password)) {
    throw new HttpError(401, 'invalid credentials');
  }
  const session = new Session(user);
  sessions.set(session.token, session);
  return session;
}

// Middleware: requires "Authorization: Bearer <session token>".
function requireSession(req, res, next) {
  const match = /^Bearer (\S+)$/.exec(req.get('authorization') || '');
  const session = match && sessions.get(match[1]);
  if (!session || session.expires < Date.now()) {
    next(new HttpError(401, 'login required'));
    return;
  }
  req.user = session.user;
  next();
}

module.exports = { Session, registerUser, login, requireSession };
