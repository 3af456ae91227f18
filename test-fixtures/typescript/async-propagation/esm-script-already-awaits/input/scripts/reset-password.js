import { savePassword } from '../password.js';

const { error } = await savePassword(process.argv[2]);
if (error) {
  console.log('Error changing password:', error);
  process.exit(1);
}
console.log('Password changed!');
