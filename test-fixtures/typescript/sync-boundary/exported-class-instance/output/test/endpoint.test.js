const assert = require('assert');
const Endpoint = require('../lib/endpoint');

describe('Endpoint', function () {
  it('matches a request with the same body', async function () {
    const actual = await new Endpoint({ file: 'body.txt' }).matches({ body: 'hello' });
    assert.strictEqual(actual, true);
  });

  it('matches through a direct require', async function () {
    const endpoint = new (require('../lib/endpoint'))({ file: 'body.txt' });
    assert.strictEqual(await endpoint.matches({ body: 'hello' }), true);
  });
});
