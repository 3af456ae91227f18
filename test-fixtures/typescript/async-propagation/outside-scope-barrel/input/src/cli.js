import { loadUser } from './lib/index.js';

console.log(loadUser(process.argv[2]));
