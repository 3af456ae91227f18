// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

async function fetchProfile(id) {
  try {
    const token = await readFile('token.txt', 'utf8');
    return await fetch(`https://api.example.com/users/${id}`, { headers: { authorization: token } }).then((r) => r.json());
  } catch (err) {
    return { id, error: err.message };
  }
}

app.get('/profile/:id', async (req, res) => {
  res.json(await fetchProfile(req.params.id));
});
