const fs = require('fs');

function readJob(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

// Without --toplevel iife the script's top level stays as it is.
const job = readJob(process.argv[2]);
console.log(job.name);
app.get('/job', (req, res) => res.json(readJob('job.json')));
