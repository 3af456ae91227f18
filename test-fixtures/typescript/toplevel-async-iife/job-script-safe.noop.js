// fixture-options: toplevel=iife entry=all safety=safe
'use strict';
const fs = require('fs');

function readJob(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

const job = readJob(process.argv[2]);
console.log(`job:
${job.name}`);
app.get('/job', (req, res) => res.json(readJob('job.json')));
