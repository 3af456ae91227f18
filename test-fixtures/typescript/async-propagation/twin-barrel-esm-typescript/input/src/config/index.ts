export { readSettings, readText as readTemplate } from './read.js';
export type { Settings } from './read.js';
