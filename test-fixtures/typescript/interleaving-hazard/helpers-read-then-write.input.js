// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');

const DATA_FILE = path.join(__dirname, 'data', 'todos.json');

function readTodos() {
  return JSON.parse(fs.readFileSync(DATA_FILE, 'utf8'));
}

function writeTodos(todos) {
  fs.writeFileSync(DATA_FILE, JSON.stringify(todos, null, 2));
}

const app = express();
app.use(express.json());
app.get('/todos', (req, res) => {
  res.json(readTodos());
});
app.post('/todos', (req, res) => {
  const todos = readTodos();
  todos.push({ id: todos.length + 1, title: req.body.title });
  writeTodos(todos);
  res.status(201).json(todos[todos.length - 1]);
});

module.exports = app;
