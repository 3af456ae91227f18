import readConfig, { readOther, readConfigAsync, readOtherAsync } from './config.mjs';

export { readConfig, readConfigAsync, readOther as other, readOtherAsync as otherAsync };
export { default as load, readConfigAsync as loadAsync } from './config.mjs';
