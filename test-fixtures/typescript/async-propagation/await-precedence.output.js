// fixture-options: express=5
const express = require('express');
const { stat, writeFile } = require('fs/promises');

const app = express();

async function stats(file) {
  return await stat(file);
}

async function touch(file) {
  await writeFile(file, '');
}

app.get('/info', async (req, res) => {
  await touch('seen.txt');
  const size = (await stats('a.txt')).size;
  const missing = !(await stats('b.txt'));
  const total = (await stats('a.txt')).size + (await stats('b.txt')).size;
  res.json({ size, missing, total, mode: (await stats('a.txt'))?.mode });
});
