const store = require('./store');

// Looks a user up by id; undefined when missing.
function findUser(id) {
  const users = store.load('users.json');
  return users.find((u) => u.id === id);
}

module.exports = { findUser };
