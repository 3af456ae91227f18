export { loadUser } from './users.js';
