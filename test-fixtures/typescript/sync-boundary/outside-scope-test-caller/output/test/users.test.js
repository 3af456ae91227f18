const assert = require('assert');
const { loadUser } = require('../src/users');

it('loads a user', () => {
  assert.equal(loadUser('1').name, 'Ada');
});
