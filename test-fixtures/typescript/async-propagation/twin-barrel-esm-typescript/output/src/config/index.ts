export { readSettings, readSettingsAsync, readText as readTemplate, readTextAsync as readTemplateAsync } from './read.js';
export type { Settings } from './read.js';
