// fixture-options: entry=all
// An 'exit' listener must be synchronous: the process exits without waiting.
const fs = require('fs');

process.on('exit', () => {
  fs.writeFileSync('last-run.txt', String(Date.now()));
});
