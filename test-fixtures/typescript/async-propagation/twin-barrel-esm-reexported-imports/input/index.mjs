import readConfig, { readOther } from './config.mjs';

export { readConfig, readOther as other };
export { default as load } from './config.mjs';
