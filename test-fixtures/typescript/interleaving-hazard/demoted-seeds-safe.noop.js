// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

// Every blocking call of `bump` is demoted by the hazard, so under --safety
// safe nothing in it is applied: the handler and `bump` keep their sync form,
// and the report still lists each blocking call (review) and the hazard.
function bump(file) {
  const count = Number(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, String(count + 1));
  return count + 1;
}

const app = express();
app.post('/hits', (req, res) => {
  res.json({ hits: bump('hits.txt') });
});

module.exports = app;
