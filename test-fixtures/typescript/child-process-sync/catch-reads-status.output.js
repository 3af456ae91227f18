// fixture-options: entry=all
// The promisified exec's error has the exit code in `code`: the finding says
// that this catch reads `err.status`.
const { exec } = require('child_process');
const { promisify } = require('util');

async function gitStatus(dir) {
  try {
    return (await promisify(exec)('git status --porcelain', { encoding: 'buffer', cwd: dir })).stdout.toString();
  } catch (err) {
    return err.status;
  }
}

module.exports = { gitStatus };
