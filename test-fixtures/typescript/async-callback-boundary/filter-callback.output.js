// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const { readFile } = require('fs/promises');

const app = express();

function isPublished(slug) {
  return fs.existsSync(`posts/${slug}.md`);
}

async function readPost(slug) {
  return await readFile(`posts/${slug}.md`, 'utf8');
}

app.get('/posts', async (req, res) => {
  // Filtered only on request: the callbacks cannot be awaited ahead of the condition.
  const slugs = req.query.drafts ? ['hello', 'draft'] : ['hello', 'draft'].filter((slug) => isPublished(slug));
  res.json({ slugs, first: await readPost(slugs[0]) });
});
