// fixture-options: rules=parallel-awaits
const { readFile, writeFile } = require('fs/promises');

async function profile(id) {
  const user = await fetch(`/users/${id}`);
  const posts = await fetch(`/users/${id}/posts`);
  return { user, posts };
}

async function dependent(id) {
  const user = await loadUser(id);
  const team = await loadTeam(user.teamId);
  return team;
}

async function writes() {
  await writeFile('a', '1');
  const b = await readFile('b', 'utf8');
  return b;
}

async function mixed(repo, id) {
  const config = await readFile('config.json', 'utf8');
  await repo.findById(id);
  const { rows } = await readCount(id);
  await audit(id);
  return { config, rows };
}


let counter = 0;
async function audit(id) {
  counter++;
}
async function readCount(id) {
  const n = id * 2;
  return { rows: n };
}
async function loadUser(id) {
  return { teamId: id };
}
async function loadTeam(id) {
  return id;
}
module.exports = { profile, dependent, writes, mixed };
