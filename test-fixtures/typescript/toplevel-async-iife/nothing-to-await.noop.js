// fixture-options: toplevel=iife
const fs = require('fs');

// The top level calls nothing that becomes async: no wrapper.
const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
console.log(job.name);
