// fixture-options: express=5
const express = require('express');
const path = require('path');
const { readFile, writeFile } = require('fs/promises');

const DATA_FILE = path.join(__dirname, 'data', 'todos.json');

async function readTodos() {
  return JSON.parse(await readFile(DATA_FILE, 'utf8'));
}

async function writeTodos(todos) {
  await writeFile(DATA_FILE, JSON.stringify(todos, null, 2));
}

const app = express();
app.use(express.json());
app.get('/todos', async (req, res) => {
  res.json(await readTodos());
});
app.post('/todos', async (req, res) => {
  const todos = await readTodos();
  todos.push({ id: todos.length + 1, title: req.body.title });
  await writeTodos(todos);
  res.status(201).json(todos[todos.length - 1]);
});

module.exports = app;
