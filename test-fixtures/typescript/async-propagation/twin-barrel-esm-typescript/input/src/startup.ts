import { readSettings } from './config/index.js';

// Module top level: keeps the sync form.
export const settings = readSettings('settings.json');
