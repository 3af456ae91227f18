// fixture-options: api=twin express=5
import express from 'express';
import { readSettingsAsync } from './index.js';
import * as config from './config/index.js';
import { settings } from './startup.js';

const app = express();
app.get('/settings', async (req, res) => {
  res.json({ current: await readSettingsAsync('settings.json'), initial: settings });
});
app.get('/page', async (req, res) => {
  res.send(await config.readTemplateAsync('page.html'));
});
export const banner = config.readTemplate('banner.txt');
