'use strict';
const { scryptSync, randomBytes } = require('node:crypto');
const { sessionSecret } = require('../config');

// A stable API key per user, derived from the user name and the service secret.
function apiKeyFor(userName) {
  return scryptSync(userName, sessionSecret(), 24).toString('base64url');
}

function newSessionToken() {
  return randomBytes(24).toString('hex');
}

module.exports = { apiKeyFor, newSessionToken };
