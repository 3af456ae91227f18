// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const DB = 'data/todos.json';
const app = express();
app.use(express.json());

app.post('/todos', (req, res) => {
  const todos = JSON.parse(fs.readFileSync(DB, 'utf8'));
  todos.push({ id: todos.length + 1, title: req.body.title });
  fs.writeFileSync(DB, JSON.stringify(todos, null, 2));
  res.status(201).json(todos[todos.length - 1]);
});

module.exports = app;
