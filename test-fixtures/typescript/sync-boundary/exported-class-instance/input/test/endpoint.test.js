const assert = require('assert');
const Endpoint = require('../lib/endpoint');

describe('Endpoint', function () {
  it('matches a request with the same body', function () {
    const actual = new Endpoint({ file: 'body.txt' }).matches({ body: 'hello' });
    assert.strictEqual(actual, true);
  });

  it('matches through a direct require', function () {
    const endpoint = new (require('../lib/endpoint'))({ file: 'body.txt' });
    assert.strictEqual(endpoint.matches({ body: 'hello' }), true);
  });
});
