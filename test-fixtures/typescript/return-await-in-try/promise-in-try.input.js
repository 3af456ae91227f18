// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

function fetchProfile(id) {
  try {
    const token = fs.readFileSync('token.txt', 'utf8');
    return fetch(`https://api.example.com/users/${id}`, { headers: { authorization: token } }).then((r) => r.json());
  } catch (err) {
    return { id, error: err.message };
  }
}

app.get('/profile/:id', (req, res) => {
  res.json(fetchProfile(req.params.id));
});
