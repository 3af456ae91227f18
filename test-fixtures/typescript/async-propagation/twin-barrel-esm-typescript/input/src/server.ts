// fixture-options: api=twin express=5
import express from 'express';
import { readSettings } from './index.js';
import * as config from './config/index.js';
import { settings } from './startup.js';

const app = express();
app.get('/settings', (req, res) => {
  res.json({ current: readSettings('settings.json'), initial: settings });
});
app.get('/page', (req, res) => {
  res.send(config.readTemplate('page.html'));
});
export const banner = config.readTemplate('banner.txt');
