// fixture-options: toplevel=iife
'use strict';
const { readFile } = require('fs/promises');

(async () => {
  async function readJob(path) {
    return JSON.parse(await readFile(path, 'utf8'));
  }

  const job = await readJob(process.argv[2]);
  console.log(`job:
${job.name}`);
  app.get('/job', async (req, res, next) => { try { return res.json(await readJob('job.json')); } catch (err) { next(err); } });
})().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
