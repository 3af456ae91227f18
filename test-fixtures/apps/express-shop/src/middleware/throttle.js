'use strict';
// Clients that exceed their budget are slowed down instead of rejected.
const { sleepSync } = require('../util/sleep');

function throttle({ windowMs, max, delayMs }) {
  const hits = new Map();
  return function throttleMiddleware(req, res, next) {
    const now = Date.now();
    const recent = (hits.get(req.ip) || []).filter((at) => now - at < windowMs);
    recent.push(now);
    hits.set(req.ip, recent);
    if (recent.length > max) {
      sleepSync(delayMs);
      res.set('X-Throttled', String(delayMs));
    }
    next();
  };
}

module.exports = { throttle };
