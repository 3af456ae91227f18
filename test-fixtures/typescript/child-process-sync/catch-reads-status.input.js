// fixture-options: entry=all
// The promisified exec's error has the exit code in `code`: the finding says
// that this catch reads `err.status`.
const { execSync } = require('child_process');

function gitStatus(dir) {
  try {
    return execSync('git status --porcelain', { cwd: dir }).toString();
  } catch (err) {
    return err.status;
  }
}

module.exports = { gitStatus };
