// fixture-options: entry=all
import express from 'express';
import { readSettings } from '@acme/core';
import { loadUsers } from '@acme/core/db/users';

const app = express();

app.get('/settings', (req, res) => {
  const settings = readSettings('settings.json');
  res.json({ title: settings.title });
});

app.get('/users', (req, res) => {
  res.json(loadUsers());
});

export default app;
