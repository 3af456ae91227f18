// fixture-options: express=5
const express = require('express');
const { readFile, writeFile } = require('fs/promises');

const DB = 'data/todos.json';
const app = express();
app.use(express.json());

app.post('/todos', async (req, res) => {
  const todos = JSON.parse(await readFile(DB, 'utf8'));
  todos.push({ id: todos.length + 1, title: req.body.title });
  await writeFile(DB, JSON.stringify(todos, null, 2));
  res.status(201).json(todos[todos.length - 1]);
});

module.exports = app;
