const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

app.get('/docs', async (req, res) => {
  const docs = await Promise.all(['a', 'b'].map(async (id) => readFile(`${id}.md`, 'utf8')));
  res.json(docs);
});
