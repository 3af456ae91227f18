import { describe, expect, it } from 'vitest';
import { failureExcerpt, parseTestOutput } from './test-results.js';

const parsed = (output: string) => {
  const r = parseTestOutput(output);
  return { tests: Object.fromEntries(r.tests), summary: r.summary };
};

describe('parseTestOutput', () => {
  it('node:test TAP: subtests named by their parents, the summary counts', () => {
    const out = [
      'TAP version 13',
      '# Subtest: math',
      '    # Subtest: adds',
      '    ok 1 - adds',
      '      ---',
      '      duration_ms: 0.9',
      '      ...',
      '    # Subtest: fails',
      '    not ok 2 - fails',
      '      ---',
      "      error: '1 == 2'",
      '      ...',
      '    # Subtest: later',
      '    ok 3 - later # SKIP',
      'not ok 1 - math',
      '# Subtest: top level',
      'ok 2 - top level',
      '1..2',
      '# tests 3',
      '# pass 2',
      '# fail 1',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'math > adds': 'pass', 'math > fails': 'fail', math: 'fail', 'top level': 'pass' },
      summary: { passed: 2, failed: 1 },
    });
  });

  it("node:test spec: ▶ suites, durations dropped, the 'failing tests' recap ignored", () => {
    const out = [
      '▶ math',
      '  ✔ adds (0.978395ms)',
      '  ✖ fails (33.184648ms)',
      '    AssertionError [ERR_ASSERTION]: 1 == 2',
      '        at TestContext.<anonymous> (/tmp/ptest/test/a.test.js:2:106)',
      '',
      '  ✔ after the failure (0.2ms)',
      '✖ math (39.587821ms)',
      '✔ top level (0.184364ms)',
      'ℹ tests 4',
      'ℹ pass 3',
      'ℹ fail 1',
      '',
      '✖ failing tests:',
      '',
      'test at test/a.test.js:2:81',
      '✖ fails (13.263048ms)',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'math > adds': 'pass', 'math > fails': 'fail', 'math > after the failure': 'pass', math: 'fail', 'top level': 'pass' },
      summary: { passed: 3, failed: 1 },
    });
  });

  it('mocha spec: indented suites, numbered failures, the details after the summary ignored', () => {
    const out = [
      '',
      '  users',
      '    GET /users',
      '      ✔ lists them (12ms)',
      '      1) paginates',
      '    ✓ counts',
      '',
      '',
      '  2 passing (30ms)',
      '  1 failing',
      '',
      '  1) users',
      '       GET /users',
      '         paginates:',
      '     AssertionError: expected 2 to equal 3',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'users > GET /users > lists them': 'pass', 'users > GET /users > paginates': 'fail', 'users > counts': 'pass' },
      summary: { passed: 2, failed: 1 },
    });
  });

  it('jest: PASS/FAIL file lines, verbose test lines, the Tests: summary', () => {
    const out = [
      'PASS src/a.test.js',
      '  sum',
      '    ✓ adds (3 ms)',
      'FAIL src/b.test.js (5.1 s)',
      '  ✕ divides (4 ms)',
      '',
      '  ● divides',
      '',
      '    expect(received).toBe(expected)',
      '',
      'Test Suites: 1 failed, 1 passed, 2 total',
      'Tests:       1 failed, 1 passed, 2 total',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'file: src/a.test.js': 'pass', 'sum > adds': 'pass', 'file: src/b.test.js': 'fail', divides: 'fail' },
      summary: { passed: 1, failed: 1 },
    });
  });

  it('vitest: file lines, the tests of a failing file, FAIL headers, ANSI colours stripped', () => {
    const out = [
      ' \u001b[32m✓\u001b[39m tests/a.test.ts \u001b[2m(\u001b[22m\u001b[2m3 tests\u001b[22m\u001b[2m)\u001b[22m\u001b[32m 5\u001b[2mms\u001b[22m\u001b[39m',
      ' ❯ tests/b.test.ts (2 tests | 1 failed) 7ms',
      '   ✓ keeps the order 1ms',
      '   × drops the rest 3ms',
      '',
      ' FAIL  tests/b.test.ts > drops the rest',
      'AssertionError: expected [] to deeply equal [ 1 ]',
      '',
      ' Test Files  1 failed | 1 passed (2)',
      '      Tests  1 failed | 4 passed (5)',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'file: tests/a.test.ts': 'pass', 'file: tests/b.test.ts': 'fail', 'keeps the order': 'pass', 'drops the rest': 'fail', 'tests/b.test.ts > drops the rest': 'fail' },
      summary: { passed: 4, failed: 1 },
    });
  });

  it('pytest -rA: the short summary lines and the final counts (errors count as failed)', () => {
    const out = [
      '=========================== short test summary info ============================',
      'PASSED test_p.py::test_ok',
      'PASSED test_p.py::TestK::test_m',
      'PASSED test_p.py::test_param[1]',
      'FAILED test_p.py::test_bad - assert 1 == 2',
      'ERROR test_p.py::test_db - django.db.utils.OperationalError',
      'ERROR tests/test_broken.py - ImportError: no module named x',
      '=================== 1 failed, 3 passed, 2 errors in 0.19s ===================',
      '',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: {
        'test_p.py::test_ok': 'pass',
        'test_p.py::TestK::test_m': 'pass',
        'test_p.py::test_param[1]': 'pass',
        'test_p.py::test_bad': 'fail',
        'test_p.py::test_db': 'fail',
        'tests/test_broken.py': 'fail',
      },
      summary: { passed: 3, failed: 3 },
    });
  });

  it('pytest -v: the per-test lines', () => {
    const out = [
      'test_p.py::test_ok PASSED                                                [ 33%]',
      'test_p.py::test_bad FAILED                                               [ 66%]',
      'test_p.py::TestK::test_m PASSED                                          [100%]',
      '========================= 1 failed, 2 passed in 0.05s ==========================',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: { 'test_p.py::test_ok': 'pass', 'test_p.py::test_bad': 'fail', 'test_p.py::TestK::test_m': 'pass' },
      summary: { passed: 2, failed: 1 },
    });
  });

  it("Django's runner at verbosity 2: both name forms, a docstring on its own line, FAIL/ERROR headers, Ran/FAILED", () => {
    const out = [
      'test_count (store.tests.test_views.ProductViewsTests.test_count) ... ok',
      'test_detail (store.tests.test_views.ProductViewsTests.test_detail) ... FAIL',
      'test_old (store.tests.OldTests) ... ERROR',
      'test_doc (store.tests.DocTests.test_doc)',
      'The page lists every product. ... ok',
      'test_skip (store.tests.DocTests.test_skip) ... skipped "later"',
      '',
      '======================================================================',
      'FAIL: test_detail (store.tests.test_views.ProductViewsTests.test_detail)',
      '----------------------------------------------------------------------',
      'Traceback (most recent call last):',
      "AttributeError: 'coroutine' object has no attribute 'name'",
      '',
      '----------------------------------------------------------------------',
      'Ran 5 tests in 0.055s',
      '',
      'FAILED (failures=1, errors=1, skipped=1)',
    ].join('\n');
    expect(parsed(out)).toEqual({
      tests: {
        'store.tests.test_views.ProductViewsTests.test_count': 'pass',
        'store.tests.test_views.ProductViewsTests.test_detail': 'fail',
        'store.tests.OldTests.test_old': 'fail',
        'store.tests.DocTests.test_doc': 'pass',
      },
      summary: { passed: 2, failed: 2 },
    });
  });

  it('nothing recognisable: no tests, no summary', () => {
    expect(parsed('building...\ndone\n')).toEqual({ tests: {}, summary: undefined });
  });
});

describe('failureExcerpt', () => {
  it('a long failure: its first line and its last error line', () => {
    const out = [
      'ERROR: test_login (hc.accounts.tests.test_login.LoginTestCase.test_login)',
      '----------------------------------------------------------------------',
      'Traceback (most recent call last):',
      '  File "hc/accounts/tests/test_login.py", line 255, in test_login',
      '    r = self.client.post("/accounts/login/", form)',
      '  File "django/test/client.py", line 1157, in post',
      '    response = super().post(',
      '  File "hc/accounts/views.py", line 120, in login',
      '    profile = Profile.objects.for_user(user)',
      "AttributeError: 'coroutine' object has no attribute 'theme'",
      '',
      '======================================================================',
      'ERROR: test_other (hc.accounts.tests.test_login.LoginTestCase.test_other)',
    ].join('\n');
    expect(failureExcerpt(out, 'hc.accounts.tests.test_login.LoginTestCase.test_login', 4)).toBe(
      ['Traceback (most recent call last):', '...', "AttributeError: 'coroutine' object has no attribute 'theme'"].join('\n'),
    );
  });

  it('a short failure: the lines after the last mention of the test, rules and blank lines left out', () => {
    const out = [
      'test_detail (store.tests.V.test_detail) ... ERROR',
      '======================================================================',
      'ERROR: test_detail (store.tests.V.test_detail)',
      '----------------------------------------------------------------------',
      'Traceback (most recent call last):',
      '  File "store/views.py", line 8, in product_detail',
      "AttributeError: 'coroutine' object has no attribute 'name'",
      '',
      'Ran 1 test in 0.01s',
    ].join('\n');
    expect(failureExcerpt(out, 'store.tests.V.test_detail', 4)).toBe(
      ['Traceback (most recent call last):', '  File "store/views.py", line 8, in product_detail', "AttributeError: 'coroutine' object has no attribute 'name'", 'Ran 1 test in 0.01s'].join('\n'),
    );
  });
});
