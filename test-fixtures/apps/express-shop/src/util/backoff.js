'use strict';

// Exponential backoff between retries: 5 ms, 10 ms, 20 ms, ...
function backoff(attempt) {
  const until = Date.now() + 5 * 2 ** attempt;
  while (Date.now() < until) {
    // wait
  }
}

module.exports = { backoff };
