'use strict';
const path = require('node:path');

// Read on every call, not at load time, so each test can point the app at a fresh folder.
function dataDir() {
  return process.env.SHOP_DATA_DIR || path.join(__dirname, '..', 'data');
}

function sessionSecret() {
  return process.env.SHOP_SECRET || 'development-secret';
}

module.exports = { dataDir, sessionSecret };
