'use strict';
const crypto = require('crypto');

const ITERATIONS = 20000;
const KEY_LENGTH = 32;

// Stored as "salt:hash", both hex.
function hashPassword(password, salt) {
  const useSalt = salt || crypto.randomBytes(16).toString('hex');
  const hash = crypto.pbkdf2Sync(password, useSalt, ITERATIONS, KEY_LENGTH, 'sha256').toString('hex');
  return `${useSalt}:${hash}`;
}

function verifyPassword(password, stored) {
  const [salt] = stored.split(':');
  const candidate = hashPassword(password, salt);
  return crypto.timingSafeEqual(Buffer.from(candidate), Buffer.from(stored));
}

module.exports = { hashPassword, verifyPassword };
