// fixture-options: entry=all
import express from 'express';
import { readSettings } from '@acme/core';
import { loadUsers } from '@acme/core/db/users';

const app = express();

app.get('/settings', async (req, res, next) => {
  try {
    const settings = await readSettings('settings.json');
    res.json({ title: settings.title });
  } catch (err) {
    next(err);
  }
});

app.get('/users', async (req, res, next) => {
  try {
    res.json(await loadUsers());
  } catch (err) {
    next(err);
  }
});

export default app;
