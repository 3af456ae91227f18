// fixture-options: paths=src/routes,src/lib/users.js api=twin
// Run on the routes and src/lib/users.js, with --api twin: the handler could
// call a twin loadUserAsync, but it imports loadUser through src/lib/index.js,
// outside the paths, which would have to re-export the twin; so nothing changes.
import express from 'express';
import { loadUser } from '../lib/index.js';

export const app = express();
app.get('/users/:id', (req, res) => {
  res.json(loadUser(req.params.id));
});
