// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

function isPublished(slug) {
  return fs.existsSync(`posts/${slug}.md`);
}

function readPost(slug) {
  return fs.readFileSync(`posts/${slug}.md`, 'utf8');
}

app.get('/posts', (req, res) => {
  // Filtered only on request: the callbacks cannot be awaited ahead of the condition.
  const slugs = req.query.drafts ? ['hello', 'draft'] : ['hello', 'draft'].filter((slug) => isPublished(slug));
  res.json({ slugs, first: readPost(slugs[0]) });
});
