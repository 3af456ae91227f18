const store = require('./store');

// Looks a user up by id; undefined when missing.
async function findUser(id) {
  const users = await store.load('users.json');
  return users.find((u) => u.id === id);
}

module.exports = { findUser };
